"""The live sections of a meeting page. The full page and the htmx fragments are rendered from
the same builders and templates, so a refreshed section is exactly what a reload would show."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.meetings.access import MeetingSeat
from rankfile.meetings.lifecycle import MeetingAction, meeting_refusal
from rankfile.meetings.models import (
    AgendaItemKind,
    Attendance,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    SpeakerStatus,
)
from rankfile.meetings.quorum import meeting_quorum
from rankfile.meetings.selectors import (
    meeting_agenda,
    meeting_attendees,
    meeting_is_present,
    meeting_polls,
    meeting_speakers,
    minutes_awaiting_approval,
    poll_summary,
)
from rankfile.votes.models import PollStatus


def _status(seat: MeetingSeat, person: Person) -> dict[str, Any]:
    meeting = seat.meeting
    minutes = Minutes.objects.filter(meeting=meeting).first()
    return {
        "start_refusal": meeting_refusal(meeting, action=MeetingAction.START),
        "close_refusal": meeting_refusal(meeting, action=MeetingAction.CLOSE),
        "minutes": minutes,
        "petition": getattr(meeting, "petition", None),
    }


def _attendance(seat: MeetingSeat, person: Person) -> dict[str, Any]:
    meeting = seat.meeting
    attendees = list(meeting_attendees(meeting_id=meeting.pk))
    mine = Attendance.objects.filter(meeting=meeting, person_id=person.pk).first()
    return {
        "attendees": attendees,
        "is_present": mine is not None and mine.left_at is None,
        "check_in_refusal": meeting_refusal(meeting, action=MeetingAction.CHECK_IN),
    }


def _quorum(seat: MeetingSeat, person: Person) -> dict[str, Any]:
    return {"quorum": meeting_quorum(meeting=seat.meeting, committee=seat.meeting.committee)}


def _speakers(seat: MeetingSeat, person: Person) -> dict[str, Any]:
    meeting = seat.meeting
    speaking, queue = meeting_speakers(meeting_id=meeting.pk)
    ends_at = None
    if speaking is not None and speaking.called_at is not None:
        ends_at = speaking.called_at + timedelta(seconds=meeting.speaker_seconds)
    return {
        "speaking": speaking,
        "speaking_ends_at": ends_at,
        "queue": queue,
        "server_now": timezone.now(),
        "my_hand": next(
            (row for row in [speaking, *queue] if row is not None and row.person_id == person.pk),
            None,
        ),
        "speak_refusal": meeting_refusal(meeting, action=MeetingAction.SPEAK)
        or (
            None
            if meeting_is_present(meeting_id=meeting.pk, person_id=person.pk)
            else _("Check in first: the speakers' list is for people present.")
        ),
    }


def _agenda(seat: MeetingSeat, person: Person) -> dict[str, Any]:
    meeting = seat.meeting
    awaiting = (
        list(minutes_awaiting_approval(meeting=meeting))
        if seat.is_officer and meeting.status == MeetingStatus.OPEN
        else []
    )
    return {
        "agenda": meeting_agenda(meeting_id=meeting.pk),
        "can_edit_agenda": seat.is_officer
        and meeting_refusal(meeting, action=MeetingAction.EDIT_AGENDA) is None,
        "minutes_awaiting": awaiting,
    }


def _polls(seat: MeetingSeat, person: Person) -> dict[str, Any]:
    return {
        "polls": [
            (poll, poll_summary(poll) if poll.status == PollStatus.CLOSED else "")
            for poll in meeting_polls(meeting_id=seat.meeting.pk)
        ]
    }


SECTIONS: dict[str, Callable[[MeetingSeat, Person], dict[str, Any]]] = {
    "status": _status,
    "attendance": _attendance,
    "quorum": _quorum,
    "speakers": _speakers,
    "agenda": _agenda,
    "polls": _polls,
}


# The sections show different text and buttons by state and kind: they compare with these.
CHOICES = {
    "AgendaItemKind": AgendaItemKind,
    "MeetingStatus": MeetingStatus,
    "MinutesStatus": MinutesStatus,
    "SpeakerStatus": SpeakerStatus,
}


def section_context(name: str, seat: MeetingSeat, person: Person) -> dict[str, Any]:
    return {
        "meeting": seat.meeting,
        "is_officer": seat.is_officer,
        **CHOICES,
        **SECTIONS[name](seat, person),
    }


def page_context(seat: MeetingSeat, person: Person) -> dict[str, Any]:
    context: dict[str, Any] = {"meeting": seat.meeting, "is_officer": seat.is_officer, **CHOICES}
    for builder in SECTIONS.values():
        context.update(builder(seat, person))
    return context
