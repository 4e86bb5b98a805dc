"""Poll state changes: access check -> form -> one service -> redirect (or, for a ballot, the
receipt). POST only, except the pages that show a form (GET shows it, POST submits it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.accounts.models import Person
from rankfile.committees.access import committee_for_officer
from rankfile.committees.models import (
    Affiliation,
    AffiliationStatus,
    Committee,
    DelegateSeat,
    Role,
)
from rankfile.core.errors import RuleViolation
from rankfile.core.http import render_form, run_service, submitted
from rankfile.meetings.models import Meeting, MeetingStatus
from rankfile.votes import access, selectors, services
from rankfile.votes.electorate import roll_call_by_default
from rankfile.votes.forms import BallotForm, NominateForm, PollCreateForm, ReplaceForm
from rankfile.votes.lifecycle import PollAction, poll_refusal
from rankfile.votes.models import Poll, PollKind
from rankfile.votes.receipt import receipt_page
from rankfile.votes.views.pages import poll_context


@require_http_methods(["GET", "POST"])
@login_required
def poll_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee = committee_for_officer(person=request.user, slug=slug)
    parents = [
        link.parent
        for link in Affiliation.objects.filter(
            child=committee, status=AffiliationStatus.ACCEPTED
        ).select_related("parent")
    ]
    seats = DelegateSeat.objects.filter(committee=committee, ended_at__isnull=True).select_related(
        "person", "parent"
    )
    roles = Role.objects.filter(committee=committee, ended_at__isnull=True).select_related("person")
    meeting = _meeting_of(committee, request.GET.get("meeting", ""))
    form = PollCreateForm(submitted(request), parents=parents, seats=list(seats), roles=list(roles))
    form.fields["is_secret"].initial = not roll_call_by_default(committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            poll = _poll_create(form, committee=committee, by=request.user, meeting=meeting)
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The vote is prepared. Open it when the time comes."))
            return redirect("votes:detail", poll_id=poll.pk)
    return render_form(
        request, "votes/create.html", {"form": form, "committee": committee, "meeting": meeting}
    )


def _poll_create(
    form: PollCreateForm, *, committee: Committee, by: Person, meeting: Meeting | None
) -> Poll:
    data = form.cleaned_data
    common = {
        "committee": committee,
        "by": by,
        "title": data["title"],
        "description": data["description"],
        "is_secret": data["is_secret"],
        "closes_at": form.closes_at_value(),
        "meeting": meeting,
    }
    kind = PollKind(data["kind"])
    if kind == PollKind.ELECTION:
        return services.poll_create_election(
            **common,
            seats=data["seats"],
            method=data["method"] or None,
            seat_parent=data["seat_parent"],
            role_kind=data["role_kind"] or "",
        )
    if kind == PollKind.RECALL:
        return services.poll_create_recall(
            **common,
            majority=data["majority"],
            recall_seat=data["recall_seat"],
            recall_role=data["recall_role"],
        )
    if kind == PollKind.QUESTION:
        return services.poll_create_question(
            **common,
            options=data["options"],
            method=data["method"] or None,
            seats=data["seats"],
            majority=data["majority"],
        )
    return services.poll_create_motion(**common, majority=data["majority"])


def _meeting_of(committee: Committee, meeting_id: str) -> Meeting | None:
    """The committee's meeting, not yet closed, that a vote prepared from its page belongs to."""
    if not meeting_id.isdigit():
        return None
    return (
        Meeting.objects.filter(pk=int(meeting_id), committee=committee)
        .exclude(status=MeetingStatus.CLOSED)
        .first()
    )


@require_POST
@login_required
def poll_open(request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
    poll = access.poll_for_officer(person=request.user, poll_id=poll_id)
    run_service(
        request, lambda: services.poll_open(poll=poll, by=request.user), _("The vote is open.")
    )
    return redirect("votes:detail", poll_id=poll.pk)


@require_POST
@login_required
def poll_close(request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
    poll = access.poll_for_officer(person=request.user, poll_id=poll_id)
    if request.POST.get("confirmed") != "yes":
        # A confirmation step that needs no JavaScript: the page says who has not voted yet.
        return _close_confirm(request, poll)
    try:
        services.poll_close(poll=poll, by=request.user)
    except RuleViolation as error:
        messages.error(request, error.message)
        return redirect("votes:detail", poll_id=poll.pk)
    messages.success(request, _("The vote is closed and its result published."))
    return redirect("votes:results", poll_id=poll.pk)


def _close_confirm(request: AuthenticatedHttpRequest, poll: Poll) -> HttpResponse:
    waiting = max(0, poll.electorate_size - selectors.poll_votes_cast(poll=poll))
    details = [
        ngettext(
            "%(waiting)d of %(electorate)d elector has not voted yet.",
            "%(waiting)d of %(electorate)d electors have not voted yet.",
            poll.electorate_size,
        )
        % {"waiting": waiting, "electorate": poll.electorate_size}
    ]
    refusal = poll_refusal(poll, PollAction.CLOSE)
    if refusal:
        details.append(refusal)
    context = {
        "question": _("Close the vote “%(title)s” and publish its result?") % {"title": poll.title},
        "details": details,
        "action": reverse("votes:close", args=[poll.pk]),
        "confirm_label": _("Yes, close the vote"),
        "cancel": reverse("votes:detail", args=[poll.pk]),
    }
    return render(request, "core/confirm.html", context)


def _receipt(receipt: services.Receipt, poll: Poll) -> HttpResponse:
    """The tracker and secret, shown in this response only: they are stored nowhere in clear,
    so the page is not cached and cannot be shown again."""
    response = HttpResponse(receipt_page(poll=poll, tracker=receipt.tracker, secret=receipt.secret))
    add_never_cache_headers(response)
    return response


@require_POST
@login_required
def cast(request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
    poll = access.poll_for_elector(person=request.user, poll_id=poll_id)
    options = selectors.poll_options(poll=poll)
    form = BallotForm(request.POST, poll=poll, options=options)
    if not form.is_valid():
        context = poll_context(person=request.user, poll=poll, form=form)
        return render(request, "votes/detail.html", context, status=400)
    try:
        receipt = services.ballot_cast(
            poll=poll, voter=request.user, content=form.cleaned_data["content"], options=options
        )
    except RuleViolation as error:
        messages.error(request, error.message)
        return redirect("votes:detail", poll_id=poll.pk)
    return _receipt(receipt, poll)


@require_http_methods(["GET", "POST"])
@login_required
def replace(request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
    poll = access.poll_for_member(person=request.user, poll_id=poll_id)
    options = selectors.poll_options(poll=poll)
    data = submitted(request)
    form = ReplaceForm(data)
    ballot_form = BallotForm(data, poll=poll, options=options, prefix="ballot")
    if request.method == "POST" and form.is_valid() & ballot_form.is_valid():
        try:
            services.ballot_replace(
                poll=poll,
                person=request.user,
                tracker=form.cleaned_data["tracker"],
                secret=form.cleaned_data["secret"],
                content=ballot_form.cleaned_data["content"],
                options=options,
            )
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Your ballot is replaced. Its tracker and secret stay the same.")
            )
            return redirect("votes:detail", poll_id=poll.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "poll": poll,
        "committee": poll.committee,
        "form": form,
        "ballot_form": ballot_form,
        "has_voted": selectors.person_has_voted(poll=poll, person=request.user),
        "refusal": poll_refusal(poll, PollAction.REPLACE),
    }
    response = render(request, "votes/replace.html", context, status=status)
    add_never_cache_headers(response)
    return response


@require_POST
@login_required
def nominate(request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
    poll = access.poll_for_member(person=request.user, poll_id=poll_id)
    form = NominateForm(request.POST)
    nominee = None
    if form.is_valid():
        nominee = Person.objects.filter(handle__iexact=form.cleaned_data["handle"]).first()
    if nominee is None:
        messages.error(request, _("No member has that handle."))
        return redirect("votes:detail", poll_id=poll.pk)
    try:
        services.nomination_create(poll=poll, person=nominee, by=request.user)
    except RuleViolation as error:
        messages.error(request, error.message)
    else:
        if nominee.pk == request.user.pk:
            messages.success(request, _("You are a candidate."))
        else:
            messages.success(
                request,
                _("%(handle)s is nominated; they become a candidate when they accept.")
                % {"handle": nominee.handle},
            )
    return redirect("votes:detail", poll_id=poll.pk)


@require_POST
@login_required
def nomination_accept(
    request: AuthenticatedHttpRequest, poll_id: int, nomination_id: int
) -> HttpResponse:
    poll = access.poll_for_member(person=request.user, poll_id=poll_id)
    nomination = access.nomination_for_nominee(
        person=request.user, poll=poll, nomination_id=nomination_id
    )
    run_service(
        request,
        lambda: services.nomination_accept(nomination=nomination, by=request.user),
        _("You are a candidate."),
    )
    return redirect("votes:detail", poll_id=poll.pk)


@require_POST
@login_required
def nomination_withdraw(
    request: AuthenticatedHttpRequest, poll_id: int, nomination_id: int
) -> HttpResponse:
    poll = access.poll_for_member(person=request.user, poll_id=poll_id)
    nomination = access.nomination_for_nominee(
        person=request.user, poll=poll, nomination_id=nomination_id
    )
    run_service(
        request,
        lambda: services.nomination_withdraw(nomination=nomination, by=request.user),
        _("You are not standing in this election."),
    )
    return redirect("votes:detail", poll_id=poll.pk)
