"""A decision's effect is applied by the handler its kind registered, inside the deciding
transaction; a refusal rolls back only that handler's work and is recorded."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from rankfile.audit.models import AuditEvent
from rankfile.committees.models import Committee
from rankfile.core import decisions
from rankfile.core.decisions import Decision, decision_apply, decision_handler_register
from rankfile.core.errors import RuleViolation
from rankfile.motions.models import MotionKind, MotionStatus
from rankfile.motions.services import motion_put_to_vote
from tests.factories import make_members
from tests.meetings.helpers import check_in
from tests.motions.helpers import fresh, make_motion_on_agenda, vote_and_close

pytestmark = pytest.mark.django_db


@pytest.fixture
def handlers(monkeypatch):
    """The registry as the apps left it, restored after the test."""
    monkeypatch.setattr(decisions, "_handlers", dict(decisions._handlers))
    return decisions._handlers


def test_the_apps_that_own_seats_roles_and_motions_handle_polls(handlers):
    from rankfile.committees.outcomes import election_decided
    from rankfile.motions.outcomes import motion_poll_decided
    from rankfile.recalls.outcomes import recall_decided_with_by_election

    assert handlers["poll.election"] is election_decided
    # The recalls app ends the seat or role through the committees app, then prepares the
    # by-election (it may prepare polls; the committees app may not).
    assert handlers["poll.recall"] is recall_decided_with_by_election
    assert handlers["poll.motion"] is motion_poll_decided
    assert "poll.question" not in handlers


def test_a_second_handler_for_a_kind_is_refused(handlers):
    decision_handler_register("test.kind", print)
    decision_handler_register("test.kind", print)  # the same one again is harmless
    with pytest.raises(ImproperlyConfigured):
        decision_handler_register("test.kind", repr)


def test_a_refused_handler_is_undone_and_recorded_and_the_rest_stands(handlers, committee):
    refusals = []

    def renames_then_refuses(decision: Decision) -> None:
        Committee.objects.filter(pk=decision.committee_id).update(name="Changed")
        raise RuleViolation("not allowed now")

    decision_handler_register("test.refused", renames_then_refuses)
    Committee.objects.filter(pk=committee.pk).update(slug="kept")
    applied = decision_apply(
        Decision(
            kind="test.refused",
            committee_id=committee.pk,
            adopted=True,
            title="t",
            refused=lambda subject, reason: refusals.append((subject, reason)),
        )
    )
    committee.refresh_from_db()
    assert applied is True
    assert refusals == [(None, "not allowed now")]
    assert committee.name != "Changed"
    assert committee.slug == "kept"


def test_a_kind_nobody_handles_changes_nothing(handlers, committee):
    assert (
        decision_apply(
            Decision(kind="poll.question", committee_id=committee.pk, adopted=True, title="q")
        )
        is False
    )


def test_an_adopted_motion_of_a_kind_reaches_its_handler_with_its_effect(
    handlers, committee, open_meeting, chair
):
    seen: list[Decision] = []
    handlers.pop("motion.endorse")  # the motions app's own, replaced for the test
    decision_handler_register("motion.endorse", seen.append)
    people = [chair, *(m.person for m in make_members(committee, 3))]
    check_in(open_meeting, *people)
    motion = make_motion_on_agenda(committee, open_meeting)
    type(motion).objects.filter(pk=motion.pk).update(
        kind=MotionKind.ENDORSE, effect={"campaign_id": 7}
    )
    motion = motion_put_to_vote(motion=fresh(motion), by=chair)
    motion = vote_and_close(motion, yes=people)
    assert motion.status == MotionStatus.ADOPTED
    [decision] = seen
    assert decision.kind == "motion.endorse"
    assert decision.committee_id == committee.pk
    assert dict(decision.data) == {"campaign_id": 7, "motion_id": motion.pk}


def test_a_refused_motion_effect_leaves_the_motion_adopted_and_says_why(
    handlers, committee, open_meeting, chair
):
    def refuses(decision: Decision) -> None:
        raise RuleViolation("the campaign has ended")

    handlers.pop("motion.endorse")
    decision_handler_register("motion.endorse", refuses)
    people = [chair, *(m.person for m in make_members(committee, 3))]
    check_in(open_meeting, *people)
    motion = make_motion_on_agenda(committee, open_meeting)
    type(motion).objects.filter(pk=motion.pk).update(kind=MotionKind.ENDORSE)
    motion = vote_and_close(motion_put_to_vote(motion=fresh(motion), by=chair), yes=people)
    assert motion.status == MotionStatus.ADOPTED
    event = AuditEvent.objects.get(verb="motion.not_applied")
    assert event.data["reason"] == "the campaign has ended"
    assert event.data["motion_id"] == motion.pk
