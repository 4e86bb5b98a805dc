"""Motions decided by the votes app: put to the vote, voted, settled."""

from __future__ import annotations

import pytest

from rankfile.audit.models import AuditEvent
from rankfile.core.errors import RuleViolation
from rankfile.motions import services
from rankfile.motions.models import MotionStatus
from tests.factories import make_members, set_bylaws
from tests.meetings.helpers import check_in
from tests.motions.helpers import (
    fresh,
    make_motion,
    make_motion_on_agenda,
    vote_and_close,
)


def voters(committee, open_meeting, count):
    people = [m.person for m in make_members(committee, count)]
    check_in(open_meeting, *people)
    return people


def test_it_adopts_a_motion_by_vote_and_numbers_the_resolution(committee, open_meeting, chair):
    set_bylaws(committee, in_meeting_polls_need_check_in=True)
    people = voters(committee, open_meeting, 4)
    motion = make_motion_on_agenda(committee, open_meeting)
    motion = services.motion_put_to_vote(motion=motion, by=chair)
    assert motion.status == MotionStatus.VOTING
    assert motion.voting_at is not None
    poll = motion.polls.get()
    assert (poll.kind, poll.meeting_id, poll.status) == ("motion", open_meeting.pk, "open")

    motion = vote_and_close(motion, yes=people[:3], no=people[3:])
    assert motion.status == MotionStatus.ADOPTED
    assert motion.adopted_at is not None
    assert motion.resolution_number == 1
    assert AuditEvent.objects.filter(verb="motion.adopted").count() == 1

    second = make_motion_on_agenda(committee, open_meeting, title="Staffing")
    second = services.motion_put_to_vote(motion=second, by=chair)
    second = vote_and_close(second, yes=people[:1], no=people[1:])
    assert second.status == MotionStatus.REJECTED
    assert second.rejected_at is not None
    assert second.resolution_number is None


def test_it_refuses_to_withdraw_once_the_vote_is_open(committee, open_meeting, chair, member):
    voters(committee, open_meeting, 3)
    motion = make_motion_on_agenda(committee, open_meeting, by=member)
    services.motion_put_to_vote(motion=motion, by=chair)
    with pytest.raises(RuleViolation) as refused:
        services.motion_withdraw(motion=motion, by=member)
    assert refused.value.message == "The vote has opened: the motion can no longer be withdrawn."


def test_it_refuses_to_close_the_meeting_while_a_motion_is_voted_on(committee, open_meeting, chair):
    from rankfile.meetings.services import meeting_close

    voters(committee, open_meeting, 3)
    motion = make_motion_on_agenda(committee, open_meeting)
    services.motion_put_to_vote(motion=motion, by=chair)
    with pytest.raises(RuleViolation) as refused:
        meeting_close(meeting=open_meeting, by=chair)
    assert refused.value.message == "The vote on “Wages” is still open: close it first."


def test_it_refuses_to_settle_a_motion_that_is_not_being_voted_on(committee):
    motion = make_motion(committee)
    with pytest.raises(RuleViolation):
        services.motion_settle_from_poll(motion=motion, adopted=True, by=None)
    assert fresh(motion).status == MotionStatus.SUBMITTED
