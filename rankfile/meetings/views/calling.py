"""Calling a meeting and setting it up: by its officers, or by the members' petition. POST
only, except the pages that show a form (GET shows it, POST submits it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.committees import access as committee_access
from rankfile.core.errors import RuleViolation
from rankfile.core.http import render_form, run_service, submitted
from rankfile.meetings import access, services
from rankfile.meetings.forms import MeetingCallForm, MeetingDetailsForm, PetitionForm
from rankfile.meetings.lifecycle import earliest_start, moment
from rankfile.meetings.models import MeetingKind


@require_http_methods(["GET", "POST"])
@login_required
def meeting_call(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee = committee_access.committee_for_officer(person=request.user, slug=slug)
    form = MeetingCallForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_call(committee=committee, by=request.user, **data)
        except RuleViolation as error:
            form.add_error("starts_at", error.message)
        else:
            messages.success(request, _("The meeting is called. The members are told."))
            return redirect("meetings:detail", meeting_id=meeting.pk)
    earliest = {
        kind: moment(earliest_start(committee=committee, kind=kind)) for kind in MeetingKind.values
    }
    return render_form(
        request,
        "meetings/call.html",
        {"form": form, "committee": committee, "earliest": earliest},
    )


@require_http_methods(["GET", "POST"])
@login_required
def meeting_details(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    initial = {
        "place": meeting.place,
        "online_link": meeting.online_link,
        "speaker_seconds": meeting.speaker_seconds,
    }
    form = MeetingDetailsForm(submitted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update_details(meeting=meeting, by=request.user, **form.cleaned_data)
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("meetings:detail", meeting_id=meeting.pk)
    return render_form(
        request,
        "meetings/details.html",
        {"form": form, "meeting": meeting, "committee": meeting.committee},
    )


@require_POST
@login_required
def code_renew(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    run_service(
        request,
        lambda: services.meeting_code_renew(meeting=meeting, by=request.user),
        _("The check-in code is new: the old one no longer works."),
    )
    return redirect("meetings:room", meeting_id=meeting.pk)


@require_POST
@login_required
def petition_open(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee, _membership = committee_access.committee_for_member(person=request.user, slug=slug)
    form = PetitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the members must meet (at most 1,000 characters)."))
        return redirect("meetings:list", slug=slug)
    run_service(
        request,
        lambda: services.meeting_petition_open(
            committee=committee, by=request.user, reason=form.cleaned_data["reason"]
        ),
        _("The petition is open and carries your signature."),
    )
    return redirect("meetings:list", slug=slug)


@require_POST
@login_required
def petition_sign(request: AuthenticatedHttpRequest, petition_id: int) -> HttpResponse:
    petition = access.petition_for_member(person=request.user, petition_id=petition_id)
    run_service(
        request,
        lambda: services.meeting_petition_sign(petition=petition, by=request.user),
        _("Your signature is counted. Nobody can see who signed."),
    )
    return redirect("meetings:list", slug=petition.committee.slug)
