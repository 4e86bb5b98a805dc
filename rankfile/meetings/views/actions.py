"""Meeting state changes: access check -> form -> one service -> redirect. POST only, except
the pages that show a form (GET shows it, POST submits it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.committees import access as committee_access
from rankfile.core.errors import RuleViolation
from rankfile.core.http import render_form, run_service, submitted
from rankfile.meetings import access, services
from rankfile.meetings.forms import (
    AgendaItemForm,
    CheckInForm,
    MeetingCallForm,
    MeetingDetailsForm,
    MoveForm,
    NotesForm,
    PetitionForm,
)
from rankfile.meetings.lifecycle import earliest_start, moment
from rankfile.meetings.models import AgendaItem, Meeting, MeetingKind, Minutes


def _to_meeting(meeting: Meeting) -> HttpResponse:
    return redirect("meetings:detail", meeting_id=meeting.pk)


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
            return _to_meeting(meeting)
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
            return _to_meeting(meeting)
    return render_form(
        request,
        "meetings/details.html",
        {"form": form, "meeting": meeting, "committee": meeting.committee},
    )


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
            return _to_meeting(meeting)
    return render_form(
        request,
        "meetings/notes.html",
        {"form": form, "meeting": meeting, "committee": meeting.committee},
    )


@require_POST
@login_required
def meeting_start(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    run_service(
        request,
        lambda: services.meeting_start(meeting=meeting, by=request.user),
        _("The meeting is open."),
    )
    return _to_meeting(meeting)


@require_POST
@login_required
def meeting_close(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    run_service(
        request,
        lambda: services.meeting_close(meeting=meeting, by=request.user),
        _("The meeting is closed."),
    )
    return _to_meeting(meeting)


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


# --- agenda ---


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    return get_object_or_404(AgendaItem, pk=item_id, meeting=meeting)


@require_POST
@login_required
def agenda_add(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the item a title (at most 200 characters)."))
        return _to_meeting(meeting)
    run_service(
        request,
        lambda: services.agenda_item_add(
            meeting=meeting, by=request.user, title=form.cleaned_data["title"]
        ),
        _("The item is on the agenda."),
    )
    return _to_meeting(meeting)


@require_POST
@login_required
def agenda_move(request: AuthenticatedHttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    item = _item(meeting, item_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Move an item up or down."))
        return _to_meeting(meeting)
    run_service(
        request,
        lambda: services.agenda_item_move(
            item=item, by=request.user, direction=form.cleaned_data["direction"]
        ),
        _("The agenda is changed."),
    )
    return _to_meeting(meeting)


@require_POST
@login_required
def agenda_remove(request: AuthenticatedHttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    item = _item(meeting, item_id)
    run_service(
        request,
        lambda: services.agenda_item_remove(item=item, by=request.user),
        _("The item is off the agenda."),
    )
    return _to_meeting(meeting)


# --- attendance ---


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
            return _to_meeting(meeting)
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
    return _to_meeting(meeting)


# --- speakers ---


@require_POST
@login_required
def speaker_raise(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_member(person=request.user, meeting_id=meeting_id).meeting
    run_service(
        request,
        lambda: services.speaker_raise(meeting=meeting, person=request.user),
        _("You are on the speakers' list."),
    )
    return _to_meeting(meeting)


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
    return _to_meeting(meeting)


@require_POST
@login_required
def speaker_next(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    run_service(
        request,
        lambda: services.speaker_next(meeting=meeting, by=request.user),
        _("Next speaker."),
    )
    return _to_meeting(meeting)


# --- minutes ---


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
    return _to_meeting(meeting)


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
    return _to_meeting(meeting)


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


# --- petitions ---


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
