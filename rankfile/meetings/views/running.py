"""Opening and closing a meeting, and the officers' notes of it. POST only, except the notes
page (GET shows the form, POST submits it)."""

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
from rankfile.meetings.forms import NotesForm


@require_POST
@login_required
def meeting_start(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    run_service(
        request,
        lambda: services.meeting_start(meeting=meeting, by=request.user),
        _("The meeting is open."),
    )
    return redirect("meetings:detail", meeting_id=meeting.pk)


@require_POST
@login_required
def meeting_close(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    run_service(
        request,
        lambda: services.meeting_close(meeting=meeting, by=request.user),
        _("The meeting is closed."),
    )
    return redirect("meetings:detail", meeting_id=meeting.pk)


@require_http_methods(["GET", "POST"])
@login_required
def meeting_notes(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    form = NotesForm(submitted(request), initial={"notes": meeting.notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_notes_update(
                meeting=meeting, by=request.user, notes=form.cleaned_data["notes"]
            )
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The notes are saved."))
            return redirect("meetings:detail", meeting_id=meeting.pk)
    return render_form(
        request,
        "meetings/notes.html",
        {"form": form, "meeting": meeting, "committee": meeting.committee},
    )
