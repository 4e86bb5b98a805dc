"""Casting, replacing and counting secret ballots, through the services."""

from __future__ import annotations

import pytest

from rankfile.core.errors import RuleViolation
from rankfile.tally import board_verify
from rankfile.votes import services
from rankfile.votes.models import Ballot, VoteCast
from tests.factories import make_member
from tests.votes.helpers import board_of, cast, close_poll, fresh, make_open_poll, make_voters

pytestmark = pytest.mark.django_db


def test_it_writes_exactly_one_vote_cast_and_one_ballot(committee, member):
    poll = make_open_poll(committee)
    receipt = cast(poll, member, "yes")
    assert VoteCast.objects.filter(poll=poll).count() == 1
    assert VoteCast.objects.get(poll=poll).voter == member
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert len(receipt.tracker) == 32 and int(receipt.tracker, 16) >= 0
    assert len(receipt.secret) == 26


def test_it_refuses_a_second_ballot_from_the_same_member(committee, member):
    poll = make_open_poll(committee)
    cast(poll, member, "yes")
    with pytest.raises(RuleViolation, match="already voted"):
        cast(poll, member, "no")
    assert VoteCast.objects.filter(poll=poll).count() == 1
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_it_refuses_a_member_who_joined_after_the_vote_opened(committee):
    poll = make_open_poll(committee)
    late = make_member(committee).person
    with pytest.raises(RuleViolation, match="electorate"):
        cast(poll, late, "yes")
    assert not Ballot.objects.exists()


def test_it_refuses_content_that_is_not_an_option(committee, member):
    poll = make_open_poll(committee)
    with pytest.raises(RuleViolation):
        cast(poll, member, "maybe")
    assert not VoteCast.objects.exists()


def test_it_refuses_a_ballot_on_a_closed_vote_and_says_when_it_closed(committee, member, chair):
    poll = make_open_poll(committee)
    cast(poll, chair, "yes")
    close_poll(poll)
    with pytest.raises(RuleViolation, match="closed on"):
        cast(poll, member, "yes")
    assert VoteCast.objects.filter(poll=poll).count() == 1


def test_it_publishes_a_board_that_verifies_and_recounts_to_the_stored_result(committee, chair):
    voters = [chair, *make_voters(committee, 5)]
    poll = make_open_poll(committee, majority="two_thirds")
    for person, choice in zip(voters, ["yes", "yes", "yes", "yes", "no", "abstain"], strict=True):
        cast(poll, person, choice)
    closed = close_poll(poll)
    board = board_of(poll)
    verification = board_verify(board)
    assert verification.ok, verification.problems
    assert verification.result is not None
    assert verification.result.to_dict() == closed.result
    assert board["votes_cast"] == len(board["ballots"]) == 6
    assert board["electorate"] == 6
    assert board["sha256"] == closed.board.sha256
    assert closed.adopted is True  # 4 of 5 yes + no: at least two-thirds; abstention not counted


def test_it_makes_a_tampered_board_fail_verification(committee, chair, member):
    poll = make_open_poll(committee)
    cast(poll, chair, "yes")
    cast(poll, member, "no")
    close_poll(poll)
    board = board_of(poll)
    board["ballots"][0]["content"] = "no" if board["ballots"][0]["content"] == "yes" else "yes"
    verification = board_verify(board)
    assert not verification.ok
    assert "sha256 mismatch" in verification.problems[0]


def test_it_keeps_votes_cast_equal_to_ballots_at_close(committee):
    voters = make_voters(committee, 3)
    poll = make_open_poll(committee)
    for person in voters:
        cast(poll, person, "no")
    closed = close_poll(poll)
    assert VoteCast.objects.filter(poll=poll).count() == Ballot.objects.filter(poll=poll).count()
    assert board_of(closed)["votes_cast"] == 3
    assert closed.adopted is False


def test_it_refuses_to_publish_when_ballots_and_votes_cast_differ_and_says_so_loudly(
    committee, chair, member
):
    from rankfile.audit.models import AuditEvent

    poll = make_open_poll(committee)
    cast(poll, chair, "yes")
    cast(poll, member, "yes")
    Ballot.objects.filter(poll=poll).first().delete()  # a lost ballot
    with pytest.raises(services.BoardRefused, match="do not add up"):
        close_poll(poll)
    assert fresh(poll).status == "open"
    assert not hasattr(fresh(poll), "board") or fresh(poll).result is None
    event = AuditEvent.objects.get(verb="poll.board_refused")
    assert event.data["votes_cast"] == 2 and event.data["ballots"] == 1


def test_it_replaces_a_ballot_with_the_right_secret_and_keeps_one_ballot(committee, member, chair):
    poll = make_open_poll(committee)
    cast(poll, chair, "no")
    receipt = cast(poll, member, "yes")
    services.ballot_replace(
        poll=poll, person=member, tracker=receipt.tracker, secret=receipt.secret, content="no"
    )
    assert Ballot.objects.filter(poll=poll).count() == 2
    close_poll(poll)
    mine = [b for b in board_of(poll)["ballots"] if b["tracker"] == receipt.tracker]
    assert [b["content"] for b in mine] == ["no"]


def test_it_refuses_a_replacement_with_the_wrong_secret(committee, member):
    poll = make_open_poll(committee)
    receipt = cast(poll, member, "yes")
    with pytest.raises(RuleViolation, match="do not match"):
        services.ballot_replace(
            poll=poll,
            person=member,
            tracker=receipt.tracker,
            secret="A" * 26,
            content="no",
        )
    close_poll(poll)
    assert [b["content"] for b in board_of(poll)["ballots"]] == ["yes"]


def test_it_refuses_a_replacement_after_the_close(committee, member):
    poll = make_open_poll(committee)
    receipt = cast(poll, member, "yes")
    close_poll(poll)
    with pytest.raises(RuleViolation, match="closed on"):
        services.ballot_replace(
            poll=poll, person=member, tracker=receipt.tracker, secret=receipt.secret, content="no"
        )


def test_it_counts_a_ranked_question_from_the_board(committee, chair):
    voters = [chair, *make_voters(committee, 4)]
    poll = make_open_poll(
        committee, kind="question", options=["Monday", "Tuesday", "Friday"], method="irv"
    )
    rankings = [["o1"], ["o1", "o2"], ["o2", "o1"], ["o3", "o2"], ["o2"]]
    for person, ranking in zip(voters, rankings, strict=True):
        cast(poll, person, ranking)
    closed = close_poll(poll)
    assert closed.result is not None
    assert closed.result["winners"] == ["Tuesday"]
    assert len(closed.result["rounds"]) == 2


def test_it_publishes_no_result_when_nobody_voted(committee):
    closed = close_poll(make_open_poll(committee))
    assert closed.result is None
    assert closed.adopted is False
    assert board_verify(board_of(closed)).ok
