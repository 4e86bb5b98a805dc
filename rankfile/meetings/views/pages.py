"""Meeting pages: read-only, GET only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.committees import access as committee_access
from rankfile.committees.selectors import committee_active_members
from rankfile.meetings import access, selectors
from rankfile.meetings.codes import qr_svg
from rankfile.meetings.forms import AgendaItemForm, CheckInForm, PetitionForm
from rankfile.meetings.lifecycle import petition_needed, petition_refusal
from rankfile.meetings.models import AgendaItemKind, MinutesStatus, PetitionSignature
from rankfile.meetings.views.minutes import readable_minutes
from rankfile.meetings.views.sections import SECTIONS, page_context, section_context


@require_GET
@login_required
def meeting_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee, _membership = committee_access.committee_for_member(person=request.user, slug=slug)
    petition = selectors.petition_collecting(committee=committee)
    context = {
        "committee": committee,
        "is_officer": committee_access.is_officer(person=request.user, committee=committee),
        "upcoming": list(selectors.meetings_upcoming(committee=committee)),
        "past": selectors.meetings_closed(committee=committee),
        "petition": petition,
        "petition_refusal": petition_refusal(petition) if petition is not None else None,
        "petition_needed": petition_needed(committee=committee),
        "has_signed": petition is not None
        and PetitionSignature.objects.filter(petition=petition, person_id=request.user.pk).exists(),
        "petition_form": PetitionForm(),
        "MinutesStatus": MinutesStatus,
    }
    return render(request, "meetings/list.html", context)


@require_GET
@login_required
def meeting_detail(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    seat = access.meeting_for_member(person=request.user, meeting_id=meeting_id)
    context = page_context(seat, request.user)
    context.update(
        {
            "committee": seat.meeting.committee,
            "check_in_form": CheckInForm(),
            "agenda_form": AgendaItemForm(),
        }
    )
    return render(request, "meetings/detail.html", context)


@require_GET
@login_required
def live_section(request: AuthenticatedHttpRequest, meeting_id: int, section: str) -> HttpResponse:
    """One live section, for htmx to swap in when the WebSocket says it changed."""
    if section not in SECTIONS:
        raise Http404("No such section")
    seat = access.meeting_for_member(person=request.user, meeting_id=meeting_id)
    context = section_context(section, seat, request.user)
    context.update({"check_in_form": CheckInForm(), "agenda_form": AgendaItemForm()})
    return render(request, f"meetings/_{section}.html", context)


@require_GET
@login_required
def room(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """What the officers put on the screen in the room: the code, as text and as a QR code
    that opens the check-in page with the code filled in."""
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    link = request.build_absolute_uri(
        f"/meetings/{meeting.pk}/check-in/?code={meeting.check_in_code}"
    )
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "qr": qr_svg(link, title=_("Check in")),
        "link": link,
    }
    return render(request, "meetings/room.html", context)


@require_GET
@login_required
def attendance(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """The officers' list of members, to tick in those who cannot use the code."""
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    present = selectors.meeting_present_person_ids(meeting_id=meeting.pk)
    members = committee_active_members(committee=meeting.committee)
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "rows": [(membership.person, membership.person_id in present) for membership in members],
        "present_count": len(present),
    }
    return render(request, "meetings/attendance.html", context)


@require_GET
@login_required
def minutes(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    minutes, is_officer = access.minutes_for_reader(person=request.user, meeting_id=meeting_id)
    meeting = minutes.meeting
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "minutes": minutes,
        "content": readable_minutes(minutes.content),
        "is_officer": is_officer,
        "AgendaItemKind": AgendaItemKind,
        "MinutesStatus": MinutesStatus,
    }
    return render(request, "meetings/minutes.html", context)
