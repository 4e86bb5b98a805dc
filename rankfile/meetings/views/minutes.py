"""Minutes: written from the record, approved at a later meeting, published to the members; and
the stored record made readable (times as datetimes, states and kinds as labels in the reader's
language). The actions are POST only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.core.errors import RuleViolation
from rankfile.core.http import run_service
from rankfile.meetings import access, services
from rankfile.meetings.lifecycle import MinutesAction, minutes_refusal
from rankfile.meetings.models import AgendaItemKind, MeetingKind, Minutes
from rankfile.motions.models import AmendmentKind, MotionKind, MotionStatus
from rankfile.motions.services import motion_propose


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def readable_minutes(content: dict[str, Any]) -> dict[str, Any]:
    return {
        **content,
        "kind_label": _label(MeetingKind, content.get("kind", "")),
        "starts_at": _when(content.get("starts_at")),
        "started_at": _when(content.get("started_at")),
        "closed_at": _when(content.get("closed_at")),
        "agenda": [
            {**item, "kind_label": _label(AgendaItemKind, item.get("kind", ""))}
            for item in content.get("agenda", [])
        ],
        "motions": [
            {
                **motion,
                "status_label": _label(MotionStatus, motion.get("status", "")),
                "amendments": [
                    {
                        **amendment,
                        "status_label": _label(MotionStatus, amendment.get("status", "")),
                        "kind_label": _label(AmendmentKind, amendment.get("kind", "")),
                    }
                    for amendment in motion.get("amendments", [])
                ],
            }
            for motion in content.get("motions", [])
        ],
    }


@require_POST
@login_required
def minutes_generate(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    if run_service(
        request,
        lambda: services.minutes_generate(meeting=meeting, by=request.user),
        _("The minutes are written from the record. Read them before the next meeting."),
    ):
        return redirect("meetings:minutes", meeting_id=meeting.pk)
    return redirect("meetings:detail", meeting_id=meeting.pk)


@require_POST
@login_required
def minutes_approve(
    request: AuthenticatedHttpRequest, meeting_id: int, minutes_id: int
) -> HttpResponse:
    """Approve earlier minutes in this (later, open) meeting."""
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    minutes = get_object_or_404(Minutes, pk=minutes_id, meeting__committee_id=meeting.committee_id)
    run_service(
        request,
        lambda: services.minutes_approve(minutes=minutes, in_meeting=meeting, by=request.user),
        _("The minutes are approved."),
    )
    return redirect("meetings:detail", meeting_id=meeting.pk)


@require_POST
@login_required
def minutes_publish(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    minutes = access.minutes_for_officer(person=request.user, meeting_id=meeting_id)
    run_service(
        request,
        lambda: services.minutes_publish(minutes=minutes, by=request.user),
        _("The minutes are published to the members."),
    )
    return redirect("meetings:minutes", meeting_id=meeting_id)


@require_POST
@login_required
def minutes_propose(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """Any member proposes that the members approve the draft minutes: a motion, voted in a
    later meeting or outside one."""
    minutes, _is_officer = access.minutes_for_reader(person=request.user, meeting_id=meeting_id)
    meeting = minutes.meeting
    try:
        refusal = minutes_refusal(minutes, action=MinutesAction.APPROVE_BY_DECISION)
        if refusal:
            raise RuleViolation(refusal)
        motion = motion_propose(
            committee=meeting.committee,
            by=request.user,
            kind=MotionKind.MINUTES,
            title=_("Approve the minutes of “%(title)s”") % {"title": meeting.title},
            text=_("The committee approves the minutes of “%(title)s” of %(date)s, as written.")
            % {"title": meeting.title, "date": meeting.starts_at.date().isoformat()},
            effect={"minutes_id": minutes.pk, "generated_at": minutes.generated_at.isoformat()},
        )
    except RuleViolation as error:
        messages.error(request, error.message)
        return redirect("meetings:minutes", meeting_id=meeting.pk)
    messages.success(request, _("Your proposal is a motion now: the members decide."))
    return redirect("motions:detail", motion_id=motion.pk)
