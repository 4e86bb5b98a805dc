"""Read-only poll pages: the committee's polls, a poll, its live section, the result, the board,
and "check my ballot"."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.accounts.models import Person
from rankfile.committees.access import committee_for_member, is_officer
from rankfile.core.http import render_form
from rankfile.core.live import live_figure
from rankfile.votes import access, selectors
from rankfile.votes.forms import BallotForm, NominateForm, TrackerForm
from rankfile.votes.lifecycle import PollAction, poll_refusal
from rankfile.votes.live import turnout_figure
from rankfile.votes.models import Poll, PollKind, PollMethod, PollStatus

# The poll pages show different text and links by state, kind and method: they compare with these.
CHOICES = {"PollKind": PollKind, "PollMethod": PollMethod, "PollStatus": PollStatus}


@require_GET
@login_required
def poll_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee, _membership = committee_for_member(person=request.user, slug=slug)
    context = {
        "committee": committee,
        "polls": selectors.polls_of_committee(committee=committee),
        "is_officer": is_officer(person=request.user, committee=committee),
        **CHOICES,
    }
    return render(request, "votes/list.html", context)


def _turnout(poll: Poll) -> dict[str, Any]:
    """Votes cast, and the same number as a live figure that ballots update in place."""
    votes_cast = selectors.poll_votes_cast(poll=poll)
    return {
        "votes_cast": votes_cast,
        "votes_cast_figure": live_figure(turnout_figure(poll.pk), votes_cast),
    }


def poll_context(
    *, person: Person, poll: Poll, form: BallotForm | None = None, **extra: Any
) -> dict[str, Any]:
    """What the poll page shows; the cast view renders it again with a bound form."""
    options = selectors.poll_options(poll=poll)
    weight = selectors.elector_weight(poll=poll, person=person)
    has_voted = selectors.person_has_voted(poll=poll, person=person)
    cast_refusal = poll_refusal(poll, PollAction.CAST)
    can_cast = cast_refusal is None and weight is not None and not has_voted
    if form is None and can_cast:
        form = BallotForm(poll=poll, options=options)
    nominations = selectors.poll_nominations(poll=poll) if poll.kind == PollKind.ELECTION else []
    return {
        "poll": poll,
        "committee": poll.committee,
        "options": options,
        "labels": selectors.poll_option_labels(poll=poll, options=options),
        "is_officer": is_officer(person=person, committee=poll.committee),
        **_turnout(poll),
        "weight": weight,
        "has_voted": has_voted,
        "cast_refusal": cast_refusal,
        "can_cast": can_cast,
        "form": form if can_cast else None,
        "open_refusal": poll_refusal(poll, PollAction.OPEN),
        "nominations": nominations,
        "my_nomination": next((n for n in nominations if n.person_id == person.pk), None),
        "can_nominate": poll_refusal(poll, PollAction.NOMINATE) is None,
        "nominate_form": NominateForm(),
        "summary": selectors.poll_result_summary(poll),
        **CHOICES,
        **extra,
    }


@require_GET
@login_required
def poll_detail(request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
    poll = access.poll_for_member(person=request.user, poll_id=poll_id)
    return render(request, "votes/detail.html", poll_context(person=request.user, poll=poll))


@require_GET
@login_required
def poll_section(request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
    """The live part of the poll page (status and turnout), fetched again by htmx."""
    poll = access.poll_for_member(person=request.user, poll_id=poll_id)
    context = {
        "poll": poll,
        **_turnout(poll),
        "summary": selectors.poll_result_summary(poll),
        **CHOICES,
    }
    return render(request, "votes/_status.html", context)


@require_GET
@login_required
def results(request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
    poll = access.poll_for_member(person=request.user, poll_id=poll_id)
    if poll.status != PollStatus.CLOSED:
        return render(
            request,
            "votes/results.html",
            {"poll": poll, "committee": poll.committee, **CHOICES},
            status=409,
        )
    options = selectors.poll_options(poll=poll)
    labels = selectors.poll_option_labels(poll=poll, options=options)
    board = selectors.poll_board_of(poll=poll)
    context = {
        "poll": poll,
        "committee": poll.committee,
        "board": board,
        "summary": selectors.poll_result_summary(poll),
        "table": selectors.poll_rounds_table(poll),
        "roll_call": selectors.poll_roll_call(poll=poll, labels=labels),
        "votes_cast": selectors.poll_votes_cast(poll=poll),
        "turnout_floor": selectors.poll_turnout_floor(poll=poll),
        **CHOICES,
    }
    return render(request, "votes/results.html", context)


@require_GET
@login_required
def board_json(request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
    poll = access.poll_for_member(person=request.user, poll_id=poll_id)
    board = selectors.poll_board_of(poll=poll)
    if board is None:
        raise Http404("The board is published when the vote closes.")
    response = HttpResponse(board.text.encode("utf-8"), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="board-{poll.pk}.json"'
    return response


# POST so that a tracker never sits in the address bar, the history or a proxy's log: with the
# published board, a tracker tells how its holder voted.
@require_http_methods(["GET", "POST"])
@never_cache
@login_required
def check(request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
    poll = access.poll_for_member(person=request.user, poll_id=poll_id)
    form = TrackerForm(request.POST if request.method == "POST" else None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        if poll.status == PollStatus.DRAFT:
            form.add_error(None, _("The vote has not opened yet: there is no ballot to check."))
        else:
            options = selectors.poll_options(poll=poll)
            outcome = selectors.ballot_check(
                poll=poll,
                tracker=form.cleaned_data["tracker"],
                labels=selectors.poll_option_labels(poll=poll, options=options),
            )
    context = {
        "poll": poll,
        "committee": poll.committee,
        "form": form,
        "outcome": outcome,
        **CHOICES,
    }
    return render_form(request, "votes/check.html", context)
