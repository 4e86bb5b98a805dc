"""Meeting helpers for the meetings and motions tests, on top of tests.factories. Everything
goes through the real services; `now` is moved back in time instead of freezing the clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee
from rankfile.meetings import services
from rankfile.meetings.models import Meeting
from tests.factories import chair_of


def make_meeting(
    committee: Committee,
    *,
    kind: str = "regular",
    title: str = "Monthly meeting",
    starts_at: datetime | None = None,
    agenda: list[str] | None = None,
    place: str = "Union hall, room 2",
    online_link: str = "",
) -> Meeting:
    """A scheduled meeting, a week ahead by default; called ten days before it starts (so any
    notice is respected, even for a time in the past)."""
    starts_at = starts_at or timezone.now() + timedelta(days=7)
    return services.meeting_call(
        committee=committee,
        by=chair_of(committee),
        kind=kind,
        title=title,
        starts_at=starts_at,
        place=place,
        online_link=online_link,
        agenda=agenda or [],
        now=starts_at - timedelta(days=10),
    )


def make_open_meeting(committee: Committee, **options: object) -> Meeting:
    """A meeting that started a moment ago."""
    meeting = make_meeting(committee, starts_at=timezone.now() - timedelta(minutes=1), **options)  # type: ignore[arg-type]
    return services.meeting_start(meeting=meeting, by=chair_of(committee))


def make_closed_meeting(committee: Committee, **options: object) -> Meeting:
    meeting = make_open_meeting(committee, **options)
    return services.meeting_close(meeting=meeting, by=chair_of(committee))


def check_in(meeting: Meeting, *people: Person) -> None:
    for person in people:
        services.attendance_check_in(meeting=meeting, person=person, code=meeting.check_in_code)


def fresh(meeting: Meeting) -> Meeting:
    return Meeting.objects.get(pk=meeting.pk)
