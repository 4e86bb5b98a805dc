"""Races designed out: simultaneous requests on separate connections (PostgreSQL only: SQLite
serialises every writer anyway, so threads prove nothing there)."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.db import connection
from django.utils import timezone

from rankfile.audit.models import AuditEvent
from rankfile.core.errors import RuleViolation
from rankfile.meetings import services
from rankfile.meetings.models import Attendance, Meeting, Petition, Speaker
from tests.concurrency import run_together
from tests.factories import make_members, set_bylaws
from tests.meetings.helpers import check_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs separate connections to PostgreSQL"
    ),
]

NOW = timezone.make_aware(datetime(2026, 3, 2, 12, 30))


def test_it_keeps_one_attendance_for_simultaneous_check_ins_of_one_person(open_meeting, member):
    def check_in_once() -> None:
        services.attendance_check_in(
            meeting=open_meeting, person=member, code=open_meeting.check_in_code
        )

    assert run_together([check_in_once] * 6) == [None] * 6
    assert Attendance.objects.filter(meeting=open_meeting, person=member).count() == 1
    assert AuditEvent.objects.filter(verb="attendance.checked_in").count() == 1


def test_it_calls_exactly_one_meeting_when_the_last_signatures_arrive_together(committee):
    # 10 active members; 30 % => 3 signatures. Two signed; four sign at once.
    set_bylaws(committee, emergency_petition_percent=30)
    people = [m.person for m in make_members(committee, 9)]
    petition = services.meeting_petition_open(
        committee=committee, by=people[0], reason="Raids", now=NOW
    )
    services.meeting_petition_sign(petition=petition, by=people[1], now=NOW)
    outcomes = run_together(
        [
            lambda person=person: services.meeting_petition_sign(
                petition=petition, by=person, now=NOW
            )
            for person in people[2:6]
        ]
    )
    accepted = [outcome for outcome in outcomes if outcome is None]
    assert len(accepted) == 1
    assert all(isinstance(o, RuleViolation) for o in outcomes if o is not None)
    assert Meeting.objects.count() == 1
    petition = Petition.objects.get()
    assert petition.status == "called"
    assert petition.signature_count == 3 == petition.signatures.count()


def test_it_gives_the_floor_to_one_person_at_a_time(committee, open_meeting, chair):
    people = [m.person for m in make_members(committee, 4)]
    check_in(open_meeting, *people)
    for person in people:
        services.speaker_raise(meeting=open_meeting, person=person)
    outcomes = run_together([lambda: services.speaker_next(meeting=open_meeting, by=chair)] * 3)
    assert outcomes == [None] * 3
    assert Speaker.objects.filter(meeting=open_meeting, status="speaking").count() == 1
    assert Speaker.objects.filter(meeting=open_meeting, status="done").count() == 2
