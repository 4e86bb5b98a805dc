"""The electorate, frozen when a poll opens: members, or delegates with their weights, or the
members checked in at the meeting."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rankfile.tally import board_verify
from rankfile.votes.electorate import delegate_share
from rankfile.votes.models import Elector
from tests.factories import make_committee, make_member, make_members, make_seat, set_bylaws
from tests.meetings.helpers import check_in, make_open_meeting
from tests.votes.helpers import board_of, cast, close_poll, make_open_poll, make_poll, open_poll

pytestmark = pytest.mark.django_db


def weights(poll) -> dict[str, Decimal]:
    return {
        elector.person.handle: elector.weight
        for elector in Elector.objects.filter(poll=poll).select_related("person")
    }


def test_it_freezes_the_active_members_with_weight_one(committee, chair, member, delegate):
    poll = make_open_poll(committee)
    make_member(committee, handle="late")
    assert weights(poll) == {"chair": 1, "member": 1, "delegate": 1}
    assert poll.electorate_size == 3
    assert poll.is_weighted is False


def test_it_gives_a_coordinating_committee_its_delegates_one_vote_each(
    coordinating, committee, delegate
):
    depot = make_committee(name="Depot", parent=coordinating)
    depot_delegate = make_member(depot, handle="depot_delegate").person
    make_seat(depot, coordinating, depot_delegate)
    poll = make_open_poll(coordinating)
    # The coordinating committee's own chair is a member there but not a delegate.
    assert weights(poll) == {"delegate": 1, "depot_delegate": 1}


def test_it_weighs_delegate_votes_by_the_members_they_represent(
    coordinating, committee, delegate, member
):
    set_bylaws(coordinating, delegate_weight="members_represented")
    depot = make_committee(name="Depot", parent=coordinating)
    make_members(depot, 9)  # the depot has 10 active members with its chair
    first, second = (make_member(depot, handle=h).person for h in ("dep_a", "dep_b"))
    make_seat(depot, coordinating, first)
    make_seat(depot, coordinating, second)
    poll = make_open_poll(coordinating)
    # The garage: chair, member, delegate = 3 members, one delegate. The depot: 12 members
    # shared by its two delegates.
    assert weights(poll) == {"delegate": 3, "dep_a": 6, "dep_b": 6}
    assert poll.is_weighted is True
    cast(poll, delegate, "yes")
    cast(poll, first, "no")
    cast(poll, second, "abstain")
    closed = close_poll(poll)
    totals = closed.result["rounds"][0]["totals"]
    assert (Decimal(totals["yes"]), Decimal(totals["no"])) == (3, 6)
    assert closed.adopted is False  # 3 yes against 6 no: the weights decide, not the ballots
    board = board_of(closed)
    assert board["poll"]["weighted"] is True
    assert sorted(b["weight"] for b in board["ballots"]) == ["3", "6", "6"]
    assert board_verify(board).ok


def test_it_truncates_a_weight_to_six_decimals():
    assert delegate_share(members=650, delegates=3) == Decimal("216.666666")
    assert delegate_share(members=10, delegates=4) == Decimal("2.5")


def test_it_refuses_to_open_a_poll_nobody_can_vote_in(coordinating):
    from rankfile.core.errors import RuleViolation

    with pytest.raises(RuleViolation, match="Nobody can vote"):
        open_poll(make_poll(coordinating))


def test_it_lets_only_the_members_checked_in_vote_in_a_meeting_poll(committee, chair, member):
    make_members(committee, 3)
    meeting = make_open_meeting(committee)
    check_in(meeting, chair, member)
    poll = make_open_poll(committee, meeting=meeting)
    assert weights(poll) == {"chair": 1, "member": 1}


def test_it_lets_every_member_vote_in_a_meeting_poll_when_the_bylaws_say_so(
    committee, chair, member
):
    set_bylaws(committee, in_meeting_polls_need_check_in=False)
    meeting = make_open_meeting(committee)
    check_in(meeting, chair)
    poll = make_open_poll(committee, meeting=meeting)
    assert weights(poll) == {"chair": 1, "member": 1}
