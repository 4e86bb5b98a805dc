"""Reads shared by views, services and the votes app."""

from __future__ import annotations

from django.db.models import QuerySet

from rankfile.committees.models import Committee, Membership
from rankfile.meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Petition,
    PetitionStatus,
    Speaker,
    SpeakerStatus,
)
from rankfile.votes.models import Poll
from rankfile.votes.selectors import poll_result_summary, polls_of_meeting


def _present(meeting_id: int) -> QuerySet[Attendance]:
    """Checked in, not gone, and still an active member of the meeting's committee."""
    active = Membership.objects.active()
    return Attendance.objects.filter(
        meeting_id=meeting_id,
        left_at__isnull=True,
        person_id__in=active.filter(committee__meetings__pk=meeting_id).values("person_id"),
    )


def meeting_present_person_ids(*, meeting_id: int) -> set[int]:
    """The people checked in at the meeting now (the votes app freezes its electorate from
    this for in-meeting polls)."""
    return set(_present(meeting_id).values_list("person_id", flat=True))


def meeting_is_present(*, meeting_id: int, person_id: int) -> bool:
    return _present(meeting_id).filter(person_id=person_id).exists()


def meeting_attendees(*, meeting_id: int) -> QuerySet[Attendance]:
    return _present(meeting_id).select_related("person").order_by("person__handle")


def meetings_of_committee(*, committee: Committee) -> QuerySet[Meeting]:
    return Meeting.objects.filter(committee=committee).order_by("-starts_at")


def meetings_closed(*, committee: Committee, limit: int = 50) -> list[Meeting]:
    """The latest closed meetings, each with its minutes (if written) in the same query."""
    return list(
        meetings_of_committee(committee=committee)
        .filter(status=MeetingStatus.CLOSED)
        .select_related("minutes")[:limit]
    )


def meetings_upcoming(*, committee: Committee) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        committee=committee, status__in=[MeetingStatus.SCHEDULED, MeetingStatus.OPEN]
    ).order_by("starts_at")


def meeting_agenda(*, meeting_id: int) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(meeting_id=meeting_id)
        .select_related("motion", "minutes__meeting")
        .prefetch_related("motion__amendments", "motion__polls")
        .order_by("position")
    )


def meeting_speakers(*, meeting_id: int) -> tuple[Speaker | None, list[Speaker]]:
    """The person speaking (or None) and the queue, first raised first."""
    rows = list(
        Speaker.objects.filter(
            meeting_id=meeting_id, status__in=[SpeakerStatus.WAITING, SpeakerStatus.SPEAKING]
        )
        .select_related("person")
        .order_by("raised_at", "pk")
    )
    speaking = next((row for row in rows if row.status == SpeakerStatus.SPEAKING), None)
    return speaking, [row for row in rows if row.status == SpeakerStatus.WAITING]


def petition_collecting(*, committee: Committee) -> Petition | None:
    return Petition.objects.filter(committee=committee, status=PetitionStatus.COLLECTING).first()


def minutes_awaiting_approval(*, meeting: Meeting) -> QuerySet[Minutes]:
    """Draft minutes of the committee's earlier meetings, which `meeting` may approve."""
    return (
        Minutes.objects.filter(
            meeting__committee_id=meeting.committee_id,
            status=MinutesStatus.DRAFT,
            meeting__starts_at__lt=meeting.starts_at,
        )
        .exclude(meeting_id=meeting.pk)
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )


def meeting_polls(*, meeting_id: int) -> list[Poll]:
    return list(polls_of_meeting(meeting_id=meeting_id))


def poll_summary(poll: Poll) -> str:
    return str(poll_result_summary(poll))
