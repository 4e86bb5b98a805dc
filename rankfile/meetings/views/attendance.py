"""Who is in the room: members check in with the code, the officers tick in those who cannot.
POST only, except the check-in page (GET shows the form, POST submits it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.core.errors import RuleViolation
from rankfile.core.http import render_form, run_service, submitted
from rankfile.meetings import access, services
from rankfile.meetings.forms import CheckInForm


@require_http_methods(["GET", "POST"])
@login_required
def check_in(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """GET shows the form (the QR code in the room opens it with the code filled in); POST
    checks the member in."""
    seat = access.meeting_for_member(person=request.user, meeting_id=meeting_id)
    meeting = seat.meeting
    initial = {"code": request.GET.get("code", "")[:16]}
    form = CheckInForm(submitted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_check_in(
                meeting=meeting, person=request.user, code=form.cleaned_data["code"]
            )
        except RuleViolation as error:
            form.add_error("code", error.message)
        else:
            messages.success(request, _("You are checked in."))
            return redirect("meetings:detail", meeting_id=meeting.pk)
    return render_form(
        request,
        "meetings/check_in.html",
        {"form": form, "meeting": meeting, "committee": meeting.committee},
    )


@require_POST
@login_required
def tick(request: AuthenticatedHttpRequest, meeting_id: int, person_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    attendee = access.meeting_member(meeting=meeting, person_id=person_id)
    run_service(
        request,
        lambda: services.attendance_check_in(meeting=meeting, person=attendee, by=request.user),
        _("%(handle)s is checked in.") % {"handle": attendee.handle},
    )
    return redirect("meetings:attendance", meeting_id=meeting.pk)


@require_POST
@login_required
def untick(request: AuthenticatedHttpRequest, meeting_id: int, person_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    attendee = access.meeting_member(meeting=meeting, person_id=person_id)
    run_service(
        request,
        lambda: services.attendance_check_out(meeting=meeting, person=attendee, by=request.user),
        _("%(handle)s is marked as gone.") % {"handle": attendee.handle},
    )
    return redirect("meetings:attendance", meeting_id=meeting.pk)


@require_POST
@login_required
def leave(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_member(person=request.user, meeting_id=meeting_id).meeting
    run_service(
        request,
        lambda: services.attendance_check_out(
            meeting=meeting, person=request.user, by=request.user
        ),
        _("You are marked as gone. Check in again if you come back."),
    )
    return redirect("meetings:detail", meeting_id=meeting.pk)
