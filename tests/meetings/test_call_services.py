"""Calling meetings: the bylaws' notice, and the petition that forces an emergency meeting."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from rankfile.audit.models import AuditEvent
from rankfile.core.errors import RuleViolation
from rankfile.meetings import services
from rankfile.meetings.models import (
    AgendaItemKind,
    Meeting,
    MeetingKind,
    Petition,
    PetitionStatus,
)
from tests.factories import make_member, make_members, set_bylaws

# A fixed afternoon, local time, so that the earliest time reads as a clock time.
NOW = timezone.make_aware(datetime(2026, 3, 2, 12, 30))


def call(committee, chair, *, kind="emergency", starts_at, now=NOW):
    return services.meeting_call(
        committee=committee,
        by=chair,
        kind=kind,
        title="Raids at the garage",
        starts_at=starts_at,
        place="Back room of the diner",
        now=now,
    )


def test_it_refuses_an_emergency_meeting_called_too_soon_with_the_earliest_time(committee, chair):
    with pytest.raises(RuleViolation) as refused:
        call(committee, chair, starts_at=NOW + timedelta(hours=1))
    assert refused.value.message == (
        "An emergency meeting needs 2 hours' notice: the earliest is 14:30."
    )
    assert not Meeting.objects.exists()


def test_it_accepts_an_emergency_meeting_at_exactly_the_notice(committee, chair):
    meeting = call(committee, chair, starts_at=NOW + timedelta(hours=2))
    assert meeting.kind == MeetingKind.EMERGENCY
    assert meeting.status == "scheduled"


def test_it_refuses_one_minute_before_the_notice_ends(committee, chair):
    with pytest.raises(RuleViolation):
        call(committee, chair, starts_at=NOW + timedelta(hours=2) - timedelta(minutes=1))


def test_it_rounds_the_earliest_time_up_to_a_whole_minute(committee, chair):
    now = NOW + timedelta(seconds=20)
    with pytest.raises(RuleViolation) as refused:
        call(committee, chair, starts_at=now, now=now)
    assert "the earliest is 14:31." in refused.value.message
    call(committee, chair, starts_at=NOW + timedelta(hours=2, minutes=1), now=now)


def test_it_asks_the_regular_notice_of_the_bylaws_and_names_the_day(committee, chair):
    set_bylaws(committee, notice_regular_hours=48)
    with pytest.raises(RuleViolation) as refused:
        call(committee, chair, kind="regular", starts_at=NOW + timedelta(hours=47))
    assert refused.value.message.startswith("A regular meeting needs 48 hours' notice:")
    assert refused.value.message.endswith("12:30.")
    assert "2026" in refused.value.message
    call(committee, chair, kind="regular", starts_at=NOW + timedelta(hours=48))


def test_it_says_hour_in_the_singular(committee, chair):
    set_bylaws(committee, notice_emergency_hours=1)
    with pytest.raises(RuleViolation) as refused:
        call(committee, chair, starts_at=NOW)
    assert refused.value.message.startswith("An emergency meeting needs 1 hour's notice")


def test_it_records_the_call_and_tells_the_members_after_commit(
    committee, chair, member, django_capture_on_commit_callbacks
):
    member.email = "member@example.org"
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = call(committee, chair, starts_at=NOW + timedelta(hours=3))
    event = AuditEvent.objects.get(verb="meeting.called")
    assert event.actor == chair
    assert event.data["meeting_id"] == meeting.pk
    assert [message.to for message in mail.outbox] == [["member@example.org"]]
    # The place stays on the site: a mailbox may be read by an employer.
    assert "diner" not in mail.outbox[0].body


def test_it_gives_each_meeting_its_own_check_in_code(committee, chair):
    first = call(committee, chair, starts_at=NOW + timedelta(hours=3))
    second = call(committee, chair, starts_at=NOW + timedelta(hours=4))
    assert len(first.check_in_code) == 6
    assert first.check_in_code != second.check_in_code


# --- the petition ---


def test_it_calls_the_emergency_meeting_exactly_when_the_share_is_reached(committee, chair):
    # 10 active members (the chair and 9 more): 30 % of them is 3 signatures.
    set_bylaws(committee, emergency_petition_percent=30)
    people = [m.person for m in make_members(committee, 9)]
    petition = services.meeting_petition_open(
        committee=committee, by=people[0], reason="Two of us were fired for organising", now=NOW
    )
    services.meeting_petition_sign(petition=petition, by=people[1], now=NOW)
    petition.refresh_from_db()
    assert petition.signature_count == 2
    assert petition.status == PetitionStatus.COLLECTING
    assert not Meeting.objects.exists()

    services.meeting_petition_sign(petition=petition, by=people[2], now=NOW)
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CALLED
    meeting = Meeting.objects.get()
    assert petition.meeting == meeting
    assert meeting.kind == MeetingKind.EMERGENCY
    assert meeting.called_by is None  # the system
    assert meeting.starts_at == NOW + timedelta(hours=2)
    first = meeting.agenda_items.order_by("position").first()
    assert first is not None
    assert first.kind == AgendaItemKind.PETITION
    assert first.title == "Two of us were fired for organising"


def test_it_refuses_a_signature_after_the_meeting_is_called(committee):
    set_bylaws(committee, emergency_petition_percent=1)
    people = [m.person for m in make_members(committee, 2)]
    petition = services.meeting_petition_open(
        committee=committee, by=people[0], reason="Heat in the garage", now=NOW
    )
    with pytest.raises(RuleViolation) as refused:
        services.meeting_petition_sign(petition=petition, by=people[1], now=NOW)
    assert refused.value.message == "This petition has already called an emergency meeting."
    assert Meeting.objects.count() == 1


def test_it_counts_a_signature_once(committee):
    set_bylaws(committee, emergency_petition_percent=100)
    person = make_member(committee).person
    petition = services.meeting_petition_open(
        committee=committee, by=person, reason="Heat", now=NOW
    )
    with pytest.raises(RuleViolation) as refused:
        services.meeting_petition_sign(petition=petition, by=person, now=NOW)
    assert refused.value.message == "You have already signed this petition."
    petition.refresh_from_db()
    assert petition.signature_count == 1 == petition.signatures.count()


def test_it_names_nobody_in_the_log_of_a_petition(committee, member):
    set_bylaws(committee, emergency_petition_percent=100)
    services.meeting_petition_open(committee=committee, by=member, reason="Heat", now=NOW)
    events = AuditEvent.objects.filter(verb__startswith="petition.")
    assert {event.verb for event in events} == {"petition.opened", "petition.signed"}
    assert all(event.actor is None and event.subject is None for event in events)


def test_it_keeps_one_petition_collecting_at_a_time(committee, member, chair):
    set_bylaws(committee, emergency_petition_percent=100)
    services.meeting_petition_open(committee=committee, by=member, reason="Heat", now=NOW)
    with pytest.raises(RuleViolation) as refused:
        services.meeting_petition_open(committee=committee, by=chair, reason="Pay", now=NOW)
    assert "already collecting" in refused.value.message


def test_it_lets_a_lapsed_petition_be_replaced(committee, member, chair):
    set_bylaws(committee, emergency_petition_percent=100)
    old = services.meeting_petition_open(committee=committee, by=member, reason="Heat", now=NOW)
    later = NOW + timedelta(days=15)
    with pytest.raises(RuleViolation) as refused:
        services.meeting_petition_sign(petition=old, by=chair, now=later)
    assert refused.value.message.startswith("This petition lapsed on ")
    new = services.meeting_petition_open(committee=committee, by=chair, reason="Pay", now=later)
    old.refresh_from_db()
    assert old.status == PetitionStatus.LAPSED
    assert new.status == PetitionStatus.COLLECTING
    assert Petition.objects.count() == 2


def test_it_refuses_a_petition_from_someone_who_is_not_a_member(committee, outsider):
    with pytest.raises(RuleViolation):
        services.meeting_petition_open(committee=committee, by=outsider, reason="x", now=NOW)
    assert not Petition.objects.exists()


def test_it_tells_the_members_when_a_petition_calls_the_meeting(
    committee, member, chair, django_capture_on_commit_callbacks
):
    set_bylaws(committee, emergency_petition_percent=100)
    chair.email = "chair@example.org"
    chair.save()
    petition = services.meeting_petition_open(
        committee=committee, by=member, reason="Heat", now=NOW
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_petition_sign(petition=petition, by=chair, now=NOW)
    assert [message.to for message in mail.outbox] == [["chair@example.org"]]
    assert mail.outbox[0].subject.endswith("Emergency meeting of Heywood Bus Garage, 14:30")
