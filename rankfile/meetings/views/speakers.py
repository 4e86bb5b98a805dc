"""The speakers' list: members raise their hand, the chair gives the floor. POST only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.core.http import run_service
from rankfile.meetings import access, services


@require_POST
@login_required
def speaker_raise(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_member(person=request.user, meeting_id=meeting_id).meeting
    run_service(
        request,
        lambda: services.speaker_raise(meeting=meeting, person=request.user),
        _("You are on the speakers' list."),
    )
    return redirect("meetings:detail", meeting_id=meeting.pk)


@require_POST
@login_required
def speaker_lower(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """Take one's own hand down; an officer may take down someone else's (`person`)."""
    seat = access.meeting_for_member(person=request.user, meeting_id=meeting_id)
    meeting = seat.meeting
    raw = request.POST.get("person", "")
    target = request.user
    if raw and raw != str(request.user.pk):
        if not seat.is_officer:
            raise PermissionDenied("Only the officers take someone else off the list.")
        if not raw.isdigit():
            raise Http404("No such member")
        target = access.meeting_member(meeting=meeting, person_id=int(raw))
    run_service(
        request,
        lambda: services.speaker_lower(meeting=meeting, person=target, by=request.user),
        _("Off the speakers' list."),
    )
    return redirect("meetings:detail", meeting_id=meeting.pk)


@require_POST
@login_required
def speaker_next(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    run_service(
        request,
        lambda: services.speaker_next(meeting=meeting, by=request.user),
        _("Next speaker."),
    )
    return redirect("meetings:detail", meeting_id=meeting.pk)
