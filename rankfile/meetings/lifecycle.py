"""The meeting lifecycle in one place: what may happen in which state, and why not yet.

    scheduled --(start, from START_EARLY before the time called)--> open --(close)--> closed

Notice: a meeting is called at least `notice_regular_hours` / `notice_emergency_hours` (bylaws)
ahead. Check-in opens START_EARLY before the time called. Minutes are written once the meeting
is closed, approved at a later meeting of the committee while it is in progress, then published.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.models import Committee
from rankfile.core.shares import share_needed
from rankfile.meetings.models import (
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Petition,
    PetitionStatus,
)
from rankfile.meetings.quorum import meeting_quorum

START_EARLY = timedelta(minutes=30)
PETITION_DAYS = 14


class MeetingAction(enum.Enum):
    START = "start"
    CLOSE = "close"
    CHECK_IN = "check_in"
    SPEAK = "speak"
    NEXT_SPEAKER = "next_speaker"
    EDIT_AGENDA = "edit_agenda"
    EDIT_DETAILS = "edit_details"
    WRITE_MINUTES = "write_minutes"


class MinutesAction(enum.Enum):
    GENERATE = "generate"
    APPROVE = "approve"
    APPROVE_BY_DECISION = "approve_by_decision"
    PUBLISH = "publish"


def moment(value: datetime, *, now: datetime | None = None) -> str:
    """A time as people say it: "14:30" today, with the date on another day."""
    local = timezone.localtime(value)
    clock = local.strftime("%H:%M")
    if local.date() == timezone.localtime(now or timezone.now()).date():
        return clock
    return f"{formats.date_format(local, 'DATE_FORMAT')}, {clock}"


def _whole_minute_up(value: datetime) -> datetime:
    floor = value.replace(second=0, microsecond=0)
    return floor if floor == value else floor + timedelta(minutes=1)


def notice_hours(*, committee: Committee, kind: str) -> int:
    bylaws = bylaws_effective(committee=committee)
    if kind == MeetingKind.EMERGENCY:
        return bylaws.notice_emergency_hours
    return bylaws.notice_regular_hours


def earliest_start(*, committee: Committee, kind: str, now: datetime | None = None) -> datetime:
    """The earliest time the bylaws' notice allows, on a whole minute (a form picks minutes)."""
    now = now or timezone.now()
    return _whole_minute_up(now + timedelta(hours=notice_hours(committee=committee, kind=kind)))


def notice_refusal(
    *, committee: Committee, kind: str, starts_at: datetime, now: datetime | None = None
) -> str | None:
    """Why a meeting cannot be called for `starts_at`, or None when the notice is enough."""
    now = now or timezone.now()
    earliest = earliest_start(committee=committee, kind=kind, now=now)
    if starts_at >= earliest:
        return None
    hours = notice_hours(committee=committee, kind=kind)
    values = {"hours": hours, "earliest": moment(earliest, now=now)}
    if kind == MeetingKind.EMERGENCY:
        return (
            ngettext(
                "An emergency meeting needs %(hours)d hour's notice: the earliest is %(earliest)s.",
                "An emergency meeting needs %(hours)d hours' notice: the earliest is %(earliest)s.",
                hours,
            )
            % values
        )
    return (
        ngettext(
            "A regular meeting needs %(hours)d hour's notice: the earliest is %(earliest)s.",
            "A regular meeting needs %(hours)d hours' notice: the earliest is %(earliest)s.",
            hours,
        )
        % values
    )


def meeting_refusal(
    meeting: Meeting, *, action: MeetingAction, now: datetime | None = None
) -> str | None:
    """Why `action` is not allowed on the meeting now, or None when it is."""
    now = now or timezone.now()
    status = meeting.status
    if action == MeetingAction.WRITE_MINUTES:
        if status != MeetingStatus.CLOSED:
            return _("Minutes are written once the meeting is closed.")
        return None
    if status == MeetingStatus.CLOSED:
        return _("The meeting is closed.")
    opens_at = meeting.starts_at - START_EARLY
    if action == MeetingAction.START:
        if status == MeetingStatus.OPEN:
            return _("The meeting has already started.")
        if now < opens_at:
            return _("The meeting is called for %(time)s: it can start from %(opens)s.") % {
                "time": moment(meeting.starts_at, now=now),
                "opens": moment(opens_at, now=now),
            }
        return None
    if action == MeetingAction.CHECK_IN:
        if status == MeetingStatus.SCHEDULED and now < opens_at:
            return _("Check-in opens at %(opens)s.") % {"opens": moment(opens_at, now=now)}
        return None
    if action in (MeetingAction.CLOSE, MeetingAction.SPEAK, MeetingAction.NEXT_SPEAKER):
        if status != MeetingStatus.OPEN:
            return _("The meeting has not started.")
        return None
    return None  # EDIT_AGENDA, EDIT_DETAILS: scheduled or open


def minutes_refusal(
    minutes: Minutes, *, action: MinutesAction, in_meeting: Meeting | None = None
) -> str | None:
    """Why `action` is not allowed on the minutes now, or None when it is."""
    if action == MinutesAction.GENERATE:
        if minutes.status != MinutesStatus.DRAFT:
            return _("Approved minutes cannot be written again.")
        return None
    if action == MinutesAction.APPROVE:
        if minutes.status != MinutesStatus.DRAFT:
            return _("These minutes are already approved.")
        if (
            in_meeting is None
            or in_meeting.committee_id != minutes.meeting.committee_id
            or in_meeting.pk == minutes.meeting_id
            or in_meeting.starts_at <= minutes.meeting.starts_at
        ):
            return _("Minutes are approved at a later meeting of the committee.")
        if in_meeting.status != MeetingStatus.OPEN:
            return _("Minutes are approved while that meeting is in progress.")
        return _minutes_quorum_refusal(in_meeting)
    if action == MinutesAction.APPROVE_BY_DECISION:
        if minutes.status != MinutesStatus.DRAFT:
            return _("These minutes are already approved.")
        return None
    if minutes.status == MinutesStatus.PUBLISHED:
        return _("These minutes are already published.")
    if minutes.status != MinutesStatus.APPROVED:
        return _("The minutes must be approved at a later meeting before they are published.")
    return None


def _minutes_quorum_refusal(meeting: Meeting) -> str | None:
    """The officers record the meeting's approval: a meeting without its quorum cannot give it."""
    refusal = meeting_quorum(meeting=meeting).refusal
    if refusal is None:
        return None
    return _("Only a meeting with its quorum approves minutes. %(quorum)s") % {"quorum": refusal}


def petition_needed(*, committee: Committee) -> int:
    """Signatures that force an emergency meeting: the bylaws' share of the active members."""
    percent = bylaws_effective(committee=committee).emergency_petition_percent
    return max(1, share_needed(committee.active_member_count, percent))


def petition_refusal(petition: Petition, *, now: datetime | None = None) -> str | None:
    """Why the petition cannot be signed now, or None when it can."""
    now = now or timezone.now()
    if petition.status == PetitionStatus.CALLED:
        return _("This petition has already called an emergency meeting.")
    if petition.status == PetitionStatus.LAPSED or now >= petition.closes_at:
        return _("This petition lapsed on %(when)s.") % {
            "when": moment(petition.closes_at, now=now)
        }
    return None
