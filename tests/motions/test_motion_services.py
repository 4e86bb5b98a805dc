"""Motions from draft to decision: each transition, and each refusal with its reason."""

from __future__ import annotations

import pytest

from rankfile.audit.models import AuditEvent
from rankfile.core.errors import RuleViolation
from rankfile.meetings.models import AgendaItemKind
from rankfile.motions import services
from rankfile.motions.lifecycle import MotionAction, motion_refusal
from rankfile.motions.models import MotionStatus
from rankfile.strikes.models import Demand
from tests.factories import make_member
from tests.meetings.helpers import check_in, make_closed_meeting
from tests.motions.helpers import TEXT, fresh, make_motion, make_motion_on_agenda


def test_it_creates_a_private_draft_with_demands_normalised_into_the_catalogue(committee, member):
    existing = Demand.objects.create(text="No reprisals", key="no reprisals")
    motion = services.motion_create(
        committee=committee,
        by=member,
        title="Wages",
        text=TEXT,
        demand_ids=[existing.pk],
        new_demands=["  Higher wages for drivers. ", "higher   WAGES for drivers", "No reprisals!"],
    )
    assert motion.status == MotionStatus.DRAFT
    assert [link.demand.text for link in motion.demand_links.all()] == [
        "No reprisals",
        "Higher wages for drivers.",
    ]
    assert Demand.objects.count() == 2
    assert not AuditEvent.objects.filter(verb__startswith="motion.").exists()


def test_it_walks_a_motion_from_draft_to_the_agenda(committee, member, chair, meeting):
    motion = make_motion(committee, by=member, submitted=False)
    motion = services.motion_submit(motion=motion, by=member)
    assert motion.status == MotionStatus.SUBMITTED
    assert motion.submitted_at is not None
    assert motion.original_text == TEXT
    motion = services.motion_second(motion=motion, by=chair)
    assert motion.status == MotionStatus.SECONDED
    assert motion.seconded_at is not None
    motion = services.motion_put_on_agenda(motion=motion, meeting=meeting, by=chair)
    assert motion.status == MotionStatus.ON_AGENDA
    assert motion.meeting == meeting
    item = meeting.agenda_items.get(kind=AgendaItemKind.MOTION)
    assert item.motion == motion
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="motion.").values_list("verb", flat=True)
    )
    assert verbs == ["motion.submitted", "motion.seconded", "motion.on_agenda"]


def test_it_refuses_to_put_an_unseconded_motion_on_the_agenda(committee, chair, meeting):
    motion = make_motion(committee)
    with pytest.raises(RuleViolation) as refused:
        services.motion_put_on_agenda(motion=motion, meeting=meeting, by=chair)
    assert refused.value.message == "The motion needs a seconder."


def test_it_refuses_a_proposer_seconding_their_own_motion(committee, member):
    motion = make_motion(committee, by=member)
    with pytest.raises(RuleViolation) as refused:
        services.motion_second(motion=motion, by=member)
    assert refused.value.message == "You proposed it: another member must second it."


def test_it_refuses_a_second_seconding_by_the_same_member(committee, chair):
    motion = make_motion(committee, seconded_by=chair)
    with pytest.raises(RuleViolation) as refused:
        services.motion_second(motion=motion, by=chair)
    assert refused.value.message == "You have already seconded it."
    assert motion.secondings.count() == 1


def test_it_refuses_seconding_a_draft(committee, chair):
    motion = make_motion(committee, submitted=False)
    with pytest.raises(RuleViolation) as refused:
        services.motion_second(motion=motion, by=chair)
    assert refused.value.message.startswith("The motion is still a draft")


def test_it_refuses_a_seconder_from_outside_the_committee(committee, outsider):
    motion = make_motion(committee)
    with pytest.raises(RuleViolation):
        services.motion_second(motion=motion, by=outsider)
    assert fresh(motion).status == MotionStatus.SUBMITTED


def test_it_refuses_the_vote_before_the_meeting_starts(committee, meeting, chair):
    motion = make_motion_on_agenda(committee, meeting)
    with pytest.raises(RuleViolation) as refused:
        services.motion_put_to_vote(motion=motion, by=chair)
    assert refused.value.message == "The meeting has not started."


def test_it_refuses_the_vote_on_a_motion_not_on_an_agenda(committee, chair):
    motion = make_motion(committee, seconded_by=chair)
    assert motion_refusal(motion, action=MotionAction.PUT_TO_VOTE) == (
        "Put the motion on a meeting's agenda first."
    )
    unseconded = make_motion(committee)
    assert motion_refusal(unseconded, action=MotionAction.PUT_TO_VOTE) == (
        "The motion needs a seconder."
    )


def test_it_refuses_the_vote_without_quorum(committee, open_meeting, chair, member):
    motion = make_motion_on_agenda(committee, open_meeting)
    check_in(open_meeting, member)
    with pytest.raises(RuleViolation) as refused:
        services.motion_put_to_vote(motion=motion, by=chair)
    assert refused.value.message == "Quorum not reached: 1 of 3 present."
    assert fresh(motion).status == MotionStatus.ON_AGENDA


def test_it_lets_the_proposer_withdraw_before_the_vote(committee, member, meeting):
    motion = make_motion_on_agenda(committee, meeting, by=member)
    motion = services.motion_withdraw(motion=motion, by=member)
    assert motion.status == MotionStatus.WITHDRAWN
    assert motion.withdrawn_at is not None
    with pytest.raises(RuleViolation) as refused:
        services.motion_second(motion=motion, by=make_member(committee).person)
    assert refused.value.message == "The motion was withdrawn."


def test_it_lets_only_the_proposer_withdraw(committee, member, chair):
    motion = make_motion(committee, by=member)
    with pytest.raises(RuleViolation) as refused:
        services.motion_withdraw(motion=motion, by=chair)
    assert refused.value.message == "Only the proposer can withdraw the motion."


def test_it_sends_motions_left_on_the_agenda_back_when_the_meeting_closes(committee, chair):
    from rankfile.meetings.services import meeting_close
    from tests.meetings.helpers import make_open_meeting

    meeting = make_open_meeting(committee)
    motion = make_motion_on_agenda(committee, meeting)
    meeting_close(meeting=meeting, by=chair)
    motion = fresh(motion)
    assert motion.status == MotionStatus.SECONDED
    assert motion.meeting is None


def test_it_refuses_to_put_a_motion_on_a_closed_meetings_agenda(committee, chair):
    closed = make_closed_meeting(committee)
    motion = make_motion(committee, seconded_by=chair)
    with pytest.raises(RuleViolation) as refused:
        services.motion_put_on_agenda(motion=motion, meeting=closed, by=chair)
    assert refused.value.message == "The meeting is closed."


def test_it_refuses_editing_a_submitted_motion(committee, member):
    motion = make_motion(committee, by=member)
    with pytest.raises(RuleViolation) as refused:
        services.motion_update(motion=motion, by=member, title="x", text="y")
    assert refused.value.message == "The motion has already been submitted."
