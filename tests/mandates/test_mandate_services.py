"""Coming up, mandates and the delegate's view of them: the rules of the mandates services."""

from __future__ import annotations

import pytest
from django.core import mail

from rankfile.audit.models import AuditEvent
from rankfile.core.errors import RuleViolation
from rankfile.mandates import selectors, services
from rankfile.mandates.models import Mandate
from rankfile.motions.models import Motion, MotionKind, MotionStatus
from tests.factories import count_rows, make_committee, make_member, make_person
from tests.mandates.helpers import (
    PARENT_MOTION,
    adopt_in_a_meeting,
    adopt_mandate,
    delegates_vote,
    open_parent_vote,
    parent_meeting_with_motion,
)
from tests.motions.helpers import fresh


def test_it_shows_a_motion_coming_up_above_to_a_committee_that_sends_delegates(
    committee, coordinating, delegate
):
    meeting, motion = parent_meeting_with_motion(coordinating)
    entries = selectors.coming_up(committee=committee)
    assert [(e.key, e.title, e.parent, e.meeting) for e in entries] == [
        (f"motion:{motion.pk}", PARENT_MOTION, coordinating, meeting)
    ]
    assert entries[0].text == motion.text
    assert entries[0].mandate is None


def test_it_shows_nothing_to_a_committee_without_delegates_there(committee, coordinating):
    parent_meeting_with_motion(coordinating)
    assert selectors.coming_up(committee=committee) == []


def test_it_moves_a_mandate_as_a_submitted_motion_of_the_committee(
    committee, coordinating, delegate, member
):
    _meeting, parent_motion = parent_meeting_with_motion(coordinating)
    motion = services.mandate_propose(
        committee=committee, by=member, target=f"motion:{parent_motion.pk}", position="yes"
    )
    motion = fresh(motion)
    assert (motion.committee, motion.kind, motion.status) == (
        committee,
        MotionKind.MANDATE,
        MotionStatus.SUBMITTED,
    )
    assert motion.effect == {"target": "motion", "target_id": parent_motion.pk, "position": "yes"}
    assert PARENT_MOTION in motion.title
    assert Mandate.objects.count() == 0  # only its adoption mandates the delegates


def test_it_refuses_a_mandate_without_a_position(committee, coordinating, delegate, member):
    _meeting, parent_motion = parent_meeting_with_motion(coordinating)
    before = count_rows(Motion, Mandate)
    with pytest.raises(RuleViolation, match="Choose how the delegates are to vote"):
        services.mandate_propose(
            committee=committee, by=member, target=f"motion:{parent_motion.pk}", position="maybe"
        )
    assert count_rows(Motion, Mandate) == before


def test_it_refuses_a_mandate_on_what_is_not_coming_up_where_it_sends_delegates(
    committee, coordinating, delegate, member
):
    elsewhere = make_committee("coordinating", by=make_person("other-coordinator"), name="Health")
    _meeting, other_motion = parent_meeting_with_motion(elsewhere)
    before = count_rows(Motion, Mandate)
    with pytest.raises(RuleViolation, match="not coming up at a committee"):
        services.mandate_propose(
            committee=committee, by=member, target=f"motion:{other_motion.pk}", position="no"
        )
    assert count_rows(Motion, Mandate) == before


def test_adopting_the_mandate_records_it_tells_the_delegates_and_logs_it(
    committee, coordinating, delegate, member, django_capture_on_commit_callbacks
):
    delegate.email = "delegate@example.org"
    delegate.save(update_fields=["email"])
    _meeting, parent_motion = parent_meeting_with_motion(coordinating)
    with django_capture_on_commit_callbacks(execute=True):
        source = adopt_mandate(
            committee, target=f"motion:{parent_motion.pk}", position="yes", by=member
        )
    assert source.status == MotionStatus.ADOPTED
    mandate = Mandate.objects.get()
    assert (mandate.committee, mandate.parent, mandate.motion, mandate.position) == (
        committee,
        coordinating,
        parent_motion,
        "yes",
    )
    assert mandate.source == source
    assert AuditEvent.objects.filter(verb="mandate.adopted", committee=committee).count() == 1
    mailed = [m for m in mail.outbox if m.to == ["delegate@example.org"]]
    assert any("mandate" in m.subject.lower() for m in mailed)
    entry = selectors.coming_up(committee=committee)[0]
    assert entry.mandate == mandate


def test_a_later_mandate_replaces_the_earlier_one(committee, coordinating, delegate, member):
    _meeting, parent_motion = parent_meeting_with_motion(coordinating)
    target = f"motion:{parent_motion.pk}"
    adopt_mandate(committee, target=target, position="yes", by=member)
    adopt_mandate(committee, target=target, position="free", by=member)
    assert list(Mandate.objects.values_list("position", flat=True)) == ["free"]


def test_a_mandate_adopted_after_the_question_was_decided_above_changes_nothing(
    committee, coordinating, delegate, member
):
    meeting, parent_motion = parent_meeting_with_motion(coordinating)
    target = f"motion:{parent_motion.pk}"
    motion = services.mandate_propose(committee=committee, by=member, target=target, position="no")
    delegates_vote(meeting, parent_motion, {delegate: "yes"})
    assert fresh(parent_motion).status == MotionStatus.ADOPTED
    # The committee still adopts its motion; the mandate is refused and the log says why.
    assert adopt_in_a_meeting(motion, by=member).status == MotionStatus.ADOPTED
    assert Mandate.objects.count() == 0
    refused = AuditEvent.objects.get(verb="motion.not_applied", committee=committee)
    assert "decided above before the mandate" in refused.data["reason"]


def test_the_delegate_sees_the_mandate_beside_the_ballot(committee, coordinating, delegate, member):
    meeting, parent_motion = parent_meeting_with_motion(coordinating)
    adopt_mandate(committee, target=f"motion:{parent_motion.pk}", position="yes", by=member)
    poll = open_parent_vote(meeting, parent_motion)
    shown = selectors.mandates_for_voter(poll=poll, person_id=delegate.pk)
    assert [(m.committee, m.position) for m in shown] == [(committee, "yes")]
    other_delegate = make_member(coordinating).person
    assert selectors.mandates_for_voter(poll=poll, person_id=other_delegate.pk) == []


def test_it_flags_a_delegate_vote_against_the_mandate(committee, coordinating, delegate, member):
    meeting, parent_motion = parent_meeting_with_motion(coordinating)
    adopt_mandate(committee, target=f"motion:{parent_motion.pk}", position="yes", by=member)
    delegates_vote(meeting, parent_motion, {delegate: "no"})
    [vote] = selectors.delegate_votes(committee=committee)
    assert (vote.handle, vote.vote, vote.mandate, vote.is_against_mandate) == (
        "delegate",
        "no",
        "yes",
        True,
    )


def test_a_free_vote_is_never_against_the_mandate(committee, coordinating, delegate, member):
    meeting, parent_motion = parent_meeting_with_motion(coordinating)
    adopt_mandate(committee, target=f"motion:{parent_motion.pk}", position="free", by=member)
    delegates_vote(meeting, parent_motion, {delegate: "no"})
    [vote] = selectors.delegate_votes(committee=committee)
    assert (vote.vote, vote.mandate, vote.is_against_mandate) == ("no", "free", False)
