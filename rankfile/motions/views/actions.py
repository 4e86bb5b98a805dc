"""Motion state changes: access check -> form -> one service -> redirect. POST only, except
the pages that show a form (GET shows it, POST submits it)."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.committees import access as committee_access
from rankfile.committees.models import Committee
from rankfile.core.errors import RuleViolation
from rankfile.core.http import render_form, run_service, submitted
from rankfile.meetings.models import Meeting
from rankfile.motions import access, selectors, services
from rankfile.motions.forms import (
    AgendaForm,
    AmendmentForm,
    CommentForm,
    CommitteeChoiceForm,
    MotionForm,
    PollOutsideForm,
    VoteForm,
)
from rankfile.motions.models import Motion, MotionKind


def _to_motion(motion: Motion) -> HttpResponse:
    return redirect("motions:detail", motion_id=motion.pk)


def _motion_form(
    request: AuthenticatedHttpRequest, committee: Committee, initial: Mapping[str, object]
) -> MotionForm:
    choices = [
        (demand.pk, demand.text)
        for demand in access.demands_to_pick(person=request.user, committee=committee)[:200]
    ]
    return MotionForm(submitted(request), initial=initial, demand_choices=choices)


@require_http_methods(["GET", "POST"])
@login_required
def motion_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee, _membership = committee_access.committee_for_member(person=request.user, slug=slug)
    form = _motion_form(request, committee, {})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            motion = services.motion_create(
                committee=committee,
                by=request.user,
                title=data["title"],
                text=data["text"],
                demand_ids=data["demands"],
                new_demands=data["new_demands"],
            )
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Your draft is saved. Only you see it until you submit it.")
            )
            return _to_motion(motion)
    return render_form(request, "motions/form.html", {"form": form, "committee": committee})


@require_http_methods(["GET", "POST"])
@login_required
def motion_edit(request: AuthenticatedHttpRequest, motion_id: int) -> HttpResponse:
    motion = access.motion_for_proposer(person=request.user, motion_id=motion_id)
    initial = {
        "title": motion.title,
        "text": motion.text,
        "demands": [link.demand_id for link in motion.demand_links.all()],
    }
    form = _motion_form(request, motion.committee, initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.motion_update(
                motion=motion,
                by=request.user,
                title=data["title"],
                text=data["text"],
                demand_ids=data["demands"],
                new_demands=data["new_demands"],
            )
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return _to_motion(motion)
    return render_form(
        request,
        "motions/form.html",
        {"form": form, "committee": motion.committee, "motion": motion},
    )


@require_POST
@login_required
def motion_submit(request: AuthenticatedHttpRequest, motion_id: int) -> HttpResponse:
    motion = access.motion_for_proposer(person=request.user, motion_id=motion_id)
    run_service(
        request,
        lambda: services.motion_submit(motion=motion, by=request.user),
        _("The motion is submitted. It needs a seconder."),
    )
    return _to_motion(motion)


@require_POST
@login_required
def motion_second(request: AuthenticatedHttpRequest, motion_id: int) -> HttpResponse:
    motion = access.motion_for_member(person=request.user, motion_id=motion_id).motion
    run_service(
        request,
        lambda: services.motion_second(motion=motion, by=request.user),
        _("You have seconded it."),
    )
    return _to_motion(motion.amends if motion.amends is not None else motion)


@require_POST
@login_required
def motion_withdraw(request: AuthenticatedHttpRequest, motion_id: int) -> HttpResponse:
    motion = access.motion_for_proposer(person=request.user, motion_id=motion_id)
    run_service(
        request,
        lambda: services.motion_withdraw(motion=motion, by=request.user),
        _("The motion is withdrawn."),
    )
    return _to_motion(motion)


@require_POST
@login_required
def motion_put_on_agenda(request: AuthenticatedHttpRequest, motion_id: int) -> HttpResponse:
    motion = access.motion_for_officer(person=request.user, motion_id=motion_id)
    meetings = selectors.meetings_for_agenda(committee=motion.committee)
    form = AgendaForm(request.POST, meetings=[(m.pk, m.title) for m in meetings])
    if not form.is_valid():
        messages.error(request, _("Choose a meeting that is called and not closed."))
        return _to_motion(motion)
    meeting: Meeting = next(m for m in meetings if m.pk == form.cleaned_data["meeting"])
    run_service(
        request,
        lambda: services.motion_put_on_agenda(motion=motion, meeting=meeting, by=request.user),
        _("The motion is on the agenda of “%(title)s”.") % {"title": meeting.title},
    )
    return _to_motion(motion)


@require_POST
@login_required
def motion_put_to_vote(request: AuthenticatedHttpRequest, motion_id: int) -> HttpResponse:
    motion = access.motion_for_officer(person=request.user, motion_id=motion_id)
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the majority and the kind of ballot."))
        return _to_motion(motion)
    run_service(
        request,
        lambda: services.motion_put_to_vote(
            motion=motion,
            by=request.user,
            majority=form.cleaned_data["majority"],
            is_secret=form.cleaned_data["ballot"] == "secret",
        ),
        _("The vote is open."),
    )
    return _to_motion(motion.amends if motion.amends is not None else motion)


@require_POST
@login_required
def motion_put_to_poll(request: AuthenticatedHttpRequest, motion_id: int) -> HttpResponse:
    """An officer prepares the members' vote on a seconded motion outside a meeting."""
    motion = access.motion_for_officer(person=request.user, motion_id=motion_id)
    form = PollOutsideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the majority, the kind of ballot and when it closes."))
        return _to_motion(motion)
    run_service(
        request,
        lambda: services.motion_put_to_poll(
            motion=motion,
            by=request.user,
            closes_at=form.cleaned_data["closes_at"],
            majority=form.cleaned_data["majority"],
            is_secret=form.cleaned_data["ballot"] == "secret",
        ),
        _("The vote is open."),
    )
    return _to_motion(motion)


@require_http_methods(["GET", "POST"])
@login_required
def amendment_propose(request: AuthenticatedHttpRequest, motion_id: int) -> HttpResponse:
    seat = access.motion_for_member(person=request.user, motion_id=motion_id)
    motion = seat.motion
    form = AmendmentForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            amendment = services.amendment_propose(
                motion=motion, by=request.user, **form.cleaned_data
            )
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your amendment is moved. It needs a seconder."))
            return _to_motion(amendment)
    return render_form(
        request,
        "motions/amend.html",
        {"form": form, "motion": motion, "committee": motion.committee},
    )


@require_POST
@login_required
def comment_add(request: AuthenticatedHttpRequest, motion_id: int) -> HttpResponse:
    motion = access.motion_for_member(person=request.user, motion_id=motion_id).motion
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment of at most 4,000 characters."))
        return _to_motion(motion)
    run_service(
        request,
        lambda: services.motion_comment_add(
            motion=motion, by=request.user, text=form.cleaned_data["text"]
        ),
        _("Your comment is posted."),
    )
    return _to_motion(motion)


@require_POST
@login_required
def resolution_forward(request: AuthenticatedHttpRequest, motion_id: int) -> HttpResponse:
    motion = access.motion_for_officer(person=request.user, motion_id=motion_id)
    parents = selectors.parents_to_forward_to(motion=motion)
    form = CommitteeChoiceForm(request.POST, committees=[(c.pk, c.name) for c in parents])
    if not form.is_valid():
        messages.error(request, _("Choose a committee this committee belongs to."))
        return _to_motion(motion)
    parent = next(c for c in parents if c.pk == form.cleaned_data["committee"])
    run_service(
        request,
        lambda: services.resolution_forward(motion=motion, parent=parent, by=request.user),
        _("The resolution is forwarded to %(name)s.") % {"name": parent.name},
    )
    return _to_motion(motion)


@require_POST
@login_required
def resolution_endorse(
    request: AuthenticatedHttpRequest, slug: str, motion_id: int
) -> HttpResponse:
    """An officer proposes to their committee that it endorse the forwarded resolution: a
    motion its members adopt or not."""
    forwarding = access.forwarding_for_viewer(person=request.user, slug=slug, motion_id=motion_id)
    committees = access.committees_for_endorsement(person=request.user, forwarding=forwarding)
    form = CommitteeChoiceForm(request.POST, committees=[(c.pk, c.name) for c in committees])
    if not form.is_valid():
        messages.error(request, _("Choose the committee that endorses the resolution."))
        return redirect("motions:forwarded", slug=slug, motion_id=motion_id)
    committee = next(c for c in committees if c.pk == form.cleaned_data["committee"])
    resolution = forwarding.motion
    try:
        refusal = services.resolution_endorse_refusal(forwarding, committee=committee)
        if refusal:
            raise RuleViolation(refusal)
        motion = services.motion_propose(
            committee=committee,
            by=request.user,
            kind=MotionKind.ENDORSE,
            title=_("Endorse “%(title)s”") % {"title": resolution.title},
            text=_(
                "%(name)s endorses the resolution “%(title)s” of %(by)s, forwarded to %(parent)s."
            )
            % {
                "name": committee.name,
                "title": resolution.title,
                "by": resolution.committee.name,
                "parent": forwarding.parent.name,
            },
            effect={"endorses": "resolution", "forwarding_id": forwarding.pk},
        )
    except RuleViolation as error:
        messages.error(request, error.message)
        return redirect("motions:forwarded", slug=slug, motion_id=motion_id)
    messages.success(request, _("Your proposal is a motion now: the members decide."))
    return redirect("motions:detail", motion_id=motion.pk)
