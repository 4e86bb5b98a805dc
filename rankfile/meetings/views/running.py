"""Opening and closing a meeting, and the officers' notes of it. POST only, except the notes
page (GET shows the form, POST submits it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.core.errors import RuleViolation
from rankfile.core.http import render_form, run_service, submitted
from rankfile.meetings import access, services
from rankfile.meetings.forms import NotesForm
from rankfile.meetings.models import Meeting
from rankfile.votes.models import PollStatus
from rankfile.votes.selectors import polls_of_meeting


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
    if request.POST.get("confirmed") != "yes":
        return _close_confirm(request, meeting)
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


def _close_confirm(request: AuthenticatedHttpRequest, meeting: Meeting) -> HttpResponse:
    """A confirmation step that needs no JavaScript, saying who has not voted yet in the
    meeting's open votes."""
    details = [
        ngettext(
            "“%(title)s”: %(waiting)d of %(electorate)d has not voted yet.",
            "“%(title)s”: %(waiting)d of %(electorate)d have not voted yet.",
            poll.electorate_size,
        )
        % {
            "title": poll.title,
            "waiting": max(0, poll.electorate_size - getattr(poll, "votes_cast", 0)),
            "electorate": poll.electorate_size,
        }
        for poll in polls_of_meeting(meeting_id=meeting.pk)
        if poll.status == PollStatus.OPEN
    ] or [_("No vote of this meeting is open.")]
    context = {
        "question": _("Close the meeting “%(title)s”?") % {"title": meeting.title},
        "details": details,
        "action": reverse("meetings:close", args=[meeting.pk]),
        "confirm_label": _("Yes, close the meeting"),
        "cancel": reverse("meetings:detail", args=[meeting.pk]),
    }
    return render(request, "core/confirm.html", context)
