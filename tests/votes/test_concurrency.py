"""Races designed out: simultaneous requests on separate connections (PostgreSQL only: SQLite
runs one writing transaction at a time, so threads prove nothing there)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection

from rankfile.audit.models import AuditEvent
from rankfile.committees.models import DelegateSeat
from rankfile.core.errors import RuleViolation
from rankfile.tally import board_verify
from rankfile.votes.models import Ballot, PollBoard, VoteCast
from tests.concurrency import run_together
from tests.factories import make_member
from tests.votes.helpers import (
    board_of,
    cast,
    close_poll,
    fresh,
    make_election,
    make_open_poll,
    make_voters,
    open_poll,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_it_keeps_exactly_one_of_simultaneous_ballots_from_one_member(committee, member):
    poll = make_open_poll(committee)
    outcomes = run_together([lambda: cast(poll, member, "yes")] * 4)
    assert sum(outcome is None for outcome in outcomes) == 1
    assert all(isinstance(o, RuleViolation) for o in outcomes if o is not None)
    assert VoteCast.objects.filter(poll=poll).count() == 1
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_it_counts_every_one_of_many_simultaneous_voters(committee):
    voters = make_voters(committee, 24)
    poll = make_open_poll(committee)
    outcomes = run_together([lambda person=person: cast(poll, person, "yes") for person in voters])
    assert outcomes == [None] * 24
    assert VoteCast.objects.filter(poll=poll).count() == 24
    assert Ballot.objects.filter(poll=poll).count() == 24
    closed = close_poll(poll)
    board = board_of(closed)
    assert board["votes_cast"] == len(board["ballots"]) == 24
    assert board_verify(board).ok


def test_it_closes_once_when_two_officers_close_together(committee, coordinating, chair):
    from rankfile.committees.services import role_assign

    secretary = make_member(committee, handle="secretary").person
    role_assign(committee=committee, person=secretary, kind="secretary", by=chair)
    ana, bo = (make_member(committee, handle=h).person for h in ("ana", "bo"))
    poll = open_poll(make_election(committee, [ana, bo], seats=2, seat_parent=coordinating))
    cast(poll, ana, ["o1", "o2"])
    cast(poll, bo, ["o2", "o1"])
    from rankfile.votes.services import poll_close
    from tests.votes.helpers import deadline_pass

    deadline_pass(poll)  # outside a meeting, officers close it by hand from its deadline on

    outcomes = run_together(
        [lambda: poll_close(poll=poll, by=chair), lambda: poll_close(poll=poll, by=secretary)]
    )
    assert sum(outcome is None for outcome in outcomes) == 1
    refused = [o for o in outcomes if o is not None]
    assert isinstance(refused[0], RuleViolation) and "already closed" in str(refused[0])
    assert PollBoard.objects.filter(poll=poll).count() == 1
    assert AuditEvent.objects.filter(verb="poll.closed").count() == 1
    seats = DelegateSeat.objects.filter(parent=coordinating, committee=committee)
    assert sorted(seats.filter(ended_at__isnull=True).values_list("person__handle", flat=True)) == [
        "ana",
        "bo",
    ]
    assert seats.count() == 2


def test_it_puts_every_ballot_cast_during_the_close_either_on_the_board_or_refuses_it(committee):
    voters = make_voters(committee, 16)
    poll = make_open_poll(committee)
    for person in voters[:4]:
        cast(poll, person, "no")
    actions: list[Callable[[], object]] = [
        lambda person=person: cast(poll, person, "yes") for person in voters[4:]
    ]
    actions.append(lambda: close_poll(poll))
    outcomes = run_together(actions)
    accepted = sum(outcome is None for outcome in outcomes[:-1])
    assert outcomes[-1] is None
    assert all("closed" in str(o) for o in outcomes[:-1] if o is not None)
    board = board_of(fresh(poll))
    assert board["votes_cast"] == len(board["ballots"]) == 4 + accepted
    assert VoteCast.objects.filter(poll=poll).count() == 4 + accepted
    assert Ballot.objects.filter(poll=poll).count() == 4 + accepted
