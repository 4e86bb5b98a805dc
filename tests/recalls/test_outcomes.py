"""What a recall vote opened by petition decides: adopted over the turnout floor, the seat ends
and a by-election is prepared; rejected, no new petition against the holder for the cool-down;
below the floor, it fails and says why."""

from __future__ import annotations

import pytest

from rankfile.core.errors import RuleViolation
from rankfile.recalls.models import RecallPetition
from rankfile.votes.models import Poll
from rankfile.votes.selectors import poll_result_summary
from tests.factories import make_member
from tests.recalls.helpers import deadline_pass, open_petition, seat_of, sign
from tests.votes.helpers import cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def others(committee, chair, member, delegate):
    return [make_member(committee).person for _ in range(5)]  # 8 members: 2 signatures


def _recall(committee, member, delegate, others) -> Poll:
    petition = sign(open_petition(committee, member, delegate), others[0])
    assert petition.poll is not None
    return petition.poll


def test_an_adopted_recall_ends_the_seat_and_prepares_a_by_election(
    committee, coordinating, chair, member, delegate, others
):
    seat = seat_of(delegate)
    poll = _recall(committee, member, delegate, others)
    for voter in (member, *others[:3]):
        cast(poll, voter, "yes")
    assert deadline_pass(poll)["closed"] == 1
    seat.refresh_from_db()
    assert seat.ended_at is not None and seat.end_reason == "recall"
    by_election = RecallPetition.objects.get().by_election
    assert by_election is not None
    assert (by_election.kind, by_election.status, by_election.seat_parent) == (
        "election",
        "draft",
        coordinating,
    )
    assert by_election.seats == 1


def test_a_recall_below_the_turnout_floor_fails_and_says_why(committee, member, delegate, others):
    seat = seat_of(delegate)
    poll = _recall(committee, member, delegate, others)
    for voter in (member, others[0], others[1]):  # 3 of 8: 37 %, the bylaws ask 50 %
        cast(poll, voter, "yes")
    deadline_pass(poll)
    poll.refresh_from_db()
    assert poll.fell_short and poll.adopted is False
    assert poll_result_summary(poll) == "Failed: turnout 37% of 8; the bylaws ask 50%."
    seat.refresh_from_db()
    assert seat.ended_at is None
    assert RecallPetition.objects.get().by_election is None


def test_a_rejected_recall_keeps_the_holder_safe_from_a_new_petition_for_the_cooldown(
    committee, member, delegate, others
):
    poll = _recall(committee, member, delegate, others)
    for voter in (member, *others):
        cast(poll, voter, "no")
    deadline_pass(poll)
    with pytest.raises(RuleViolation, match="A recall of this member failed"):
        open_petition(committee, others[0], delegate)
    assert RecallPetition.objects.count() == 1


def test_no_officer_closes_a_recall_vote_before_its_deadline_while_electors_wait(
    committee, chair, member, delegate, others
):
    from rankfile.votes.services import poll_close

    poll = _recall(committee, member, delegate, others)
    cast(poll, member, "yes")
    with pytest.raises(RuleViolation, match="7 electors have not voted"):
        poll_close(poll=poll, by=chair)
    poll.refresh_from_db()
    assert poll.status == "open"
