"""The tie_rule bylaw: frozen when a poll opens, written on its board, followed by every count."""

from __future__ import annotations

from rankfile.committees.models import Committee
from rankfile.tally import board_verify
from rankfile.votes.models import Poll
from tests.factories import set_bylaws
from tests.votes.helpers import board_of, cast, close_poll, make_open_poll, make_voters

# Count 1: A 4, C 3, B 2, D 1. D goes and B reaches 3: at count 2, B and C tie for exclusion.
# Earlier counts say B (2 against 3); the order on the ballot says C (listed after B).
RANKINGS = [["o1"]] * 4 + [["o3"]] * 3 + [["o2"]] * 2 + [["o4", "o2"]]


def counted_tie(committee: Committee, chair, *, bylaw_after_opening: str | None = None) -> Poll:
    voters = [chair, *make_voters(committee, 9)]
    poll = make_open_poll(committee, kind="question", options=["A", "B", "C", "D"], method="irv")
    if bylaw_after_opening:
        set_bylaws(committee, tie_rule=bylaw_after_opening)
    for person, ranking in zip(voters, RANKINGS, strict=True):
        cast(poll, person, ranking)
    return close_poll(poll)


def excluded_at_count_3(poll: Poll) -> list[str]:
    assert poll.result is not None
    return [d["candidate"] for d in poll.result["rounds"][2]["excluded"]]


def test_it_breaks_ties_by_earlier_counts_by_default(committee, chair):
    closed = counted_tie(committee, chair)

    assert board_of(closed)["poll"]["ties"] == "lookback"
    assert excluded_at_count_3(closed) == ["B"]


def test_it_counts_under_the_committee_s_tie_rule_and_records_it_on_the_board(committee, chair):
    set_bylaws(committee, tie_rule="order")

    closed = counted_tie(committee, chair)

    board = board_of(closed)
    assert board["poll"]["ties"] == "order"
    assert excluded_at_count_3(closed) == ["C"]
    assert closed.result is not None
    assert closed.result["rounds"][2]["tie_breaks"][0]["rule"] == "order"
    recount = board_verify(board)
    assert recount.ok
    assert recount.result is not None
    assert recount.result.to_dict() == closed.result


def test_a_bylaw_changed_after_the_poll_opened_does_not_change_its_count(committee, chair):
    closed = counted_tie(committee, chair, bylaw_after_opening="order")

    assert closed.tie_rule == "lookback"
    assert board_of(closed)["poll"]["ties"] == "lookback"
    assert excluded_at_count_3(closed) == ["B"]
