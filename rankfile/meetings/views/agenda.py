"""The agenda of a meeting, as its officers set it. POST only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.core.http import run_service
from rankfile.meetings import access, services
from rankfile.meetings.forms import AgendaItemForm, MoveForm
from rankfile.meetings.models import AgendaItem, Meeting


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    return get_object_or_404(AgendaItem, pk=item_id, meeting=meeting)


@require_POST
@login_required
def agenda_add(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the item a title (at most 200 characters)."))
        return redirect("meetings:detail", meeting_id=meeting.pk)
    run_service(
        request,
        lambda: services.agenda_item_add(
            meeting=meeting, by=request.user, title=form.cleaned_data["title"]
        ),
        _("The item is on the agenda."),
    )
    return redirect("meetings:detail", meeting_id=meeting.pk)


@require_POST
@login_required
def agenda_move(request: AuthenticatedHttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = access.meeting_for_officer(person=request.user, meeting_id=meeting_id)
    item = _item(meeting, item_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Move an item up or down."))
        return redirect("meetings:detail", meeting_id=meeting.pk)
    run_service(
        request,
        lambda: services.agenda_item_move(
            item=item, by=request.user, direction=form.cleaned_data["direction"]
        ),
        _("The agenda is changed."),
    )
    return redirect("meetings:detail", meeting_id=meeting.pk)


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
    return redirect("meetings:detail", meeting_id=meeting.pk)
