"""Delegate terms: a seat gets its term from the bylaws when assigned; before it ends the
committee is told and a by-election is prepared, once; past its term the seat ends."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from rankfile.audit.models import AuditEvent
from rankfile.committees.services.offices import months_later
from rankfile.recalls.tick import recalls_tick
from rankfile.votes.models import Poll
from tests.factories import make_member, make_seat, set_bylaws
from tests.recalls.helpers import seat_of

pytestmark = pytest.mark.django_db


def test_a_seat_gets_its_term_from_the_bylaws(committee, coordinating, chair):
    set_bylaws(committee, delegate_term_months=3)
    person = make_member(committee).person
    make_seat(committee, coordinating, person)
    term = seat_of(person).term_ends_at
    assert term is not None
    expected = months_later(timezone.now(), 3)
    assert abs((term - expected).total_seconds()) < 60


def test_months_later_keeps_to_the_last_day_of_a_short_month():
    start = timezone.make_aware(datetime(2026, 8, 31, 9, 0))
    assert months_later(start, 6) == timezone.make_aware(datetime(2027, 2, 28, 9, 0))


def test_it_tells_the_committee_once_and_prepares_a_by_election_before_the_term_ends(
    committee, coordinating, delegate
):
    seat = seat_of(delegate)
    now = seat.term_ends_at - timedelta(days=13)
    assert recalls_tick(now=now) == {"lapsed": 0, "noticed": 1, "ended": 0}
    assert recalls_tick(now=now)["noticed"] == 0
    election = Poll.objects.get(kind="election")
    assert (election.status, election.seat_parent, election.seats) == ("draft", coordinating, 1)
    assert AuditEvent.objects.filter(verb="recall.term_ending").count() == 1


def test_it_ends_a_seat_past_its_term(committee, delegate):
    seat = seat_of(delegate)
    outcome = recalls_tick(now=seat.term_ends_at + timedelta(seconds=1))
    assert outcome["ended"] == 1
    seat.refresh_from_db()
    assert seat.ended_at is not None and seat.end_reason == "term"


def test_it_leaves_a_seat_in_its_term_alone(committee, delegate):
    assert recalls_tick() == {"lapsed": 0, "noticed": 0, "ended": 0}
    assert seat_of(delegate).ended_at is None
