"""Recall petitions: the committee's list, one petition's page, and the POST actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.committees.models import Committee
from rankfile.core.errors import RuleViolation
from rankfile.core.http import run_service
from rankfile.recalls import access, selectors, services
from rankfile.recalls.forms import RecallPetitionForm, RecallStatementForm
from rankfile.recalls.lifecycle import recall_sign_refusal, recall_signatures_needed
from rankfile.recalls.models import RecallPetition, RecallPetitionStatus
from rankfile.recalls.titles import recall_target_label


def _list_context(request: AuthenticatedHttpRequest, committee: Committee) -> dict[str, Any]:
    petitions = list(selectors.recall_petitions_collecting(committee=committee))
    signed = selectors.recall_signed_ids(
        person=request.user, petition_ids=[p.pk for p in petitions]
    )
    return {
        "committee": committee,
        "petitions": [(p, recall_target_label(p), p.pk in signed) for p in petitions],
        "past": [
            (p, recall_target_label(p))
            for p in selectors.recall_petitions_past(committee=committee)
        ],
        "needed": recall_signatures_needed(committee=committee),
    }


@require_http_methods(["GET", "POST"])
@login_required
def petition_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The committee's recall petitions, and the form that opens one (POST here)."""
    committee = access.committee_of_member(person=request.user, slug=slug)
    targets = selectors.recall_targets(committee=committee)
    form = RecallPetitionForm(request.POST or None, targets=targets)
    if request.method == "POST" and form.is_valid():
        seat, role = selectors.recall_target_of(
            committee=committee, value=form.cleaned_data["target"]
        )
        try:
            petition = services.recall_petition_open(
                committee=committee,
                by=request.user,
                reason=form.cleaned_data["reason"],
                seat=seat,
                role=role,
            )
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The petition is open and carries your signature."))
            return redirect("recalls:detail", slug=slug, petition_id=petition.pk)
    status = 400 if request.method == "POST" else 200
    context = {**_list_context(request, committee), "form": form, "targets": targets}
    return render(request, "recalls/list.html", context, status=status)


@require_GET
@login_required
def petition_detail(request: AuthenticatedHttpRequest, slug: str, petition_id: int) -> HttpResponse:
    petition = access.petition_for_member(person=request.user, slug=slug, petition_id=petition_id)
    signed = selectors.recall_signed_ids(person=request.user, petition_ids=[petition.pk])
    context = {
        "committee": petition.committee,
        "petition": petition,
        "target": recall_target_label(petition),
        "has_signed": petition.pk in signed,
        "needed": recall_signatures_needed(committee=petition.committee),
        "sign_refusal": recall_sign_refusal(petition),
        "is_holder": petition.holder_id == request.user.pk,
        "statement_form": RecallStatementForm(initial={"statement": petition.statement}),
        "RecallPetitionStatus": RecallPetitionStatus,
    }
    return render(request, "recalls/detail.html", context)


def _back(petition: RecallPetition) -> HttpResponse:
    if petition.poll_id is not None:
        return redirect("votes:detail", poll_id=petition.poll_id)
    return redirect("recalls:detail", slug=petition.committee.slug, petition_id=petition.pk)


@require_POST
@login_required
def petition_sign(request: AuthenticatedHttpRequest, slug: str, petition_id: int) -> HttpResponse:
    petition = access.petition_for_member(person=request.user, slug=slug, petition_id=petition_id)
    run_service(
        request,
        lambda: services.recall_petition_sign(petition=petition, by=request.user),
        _("Your signature is counted. Nobody can see who signed."),
    )
    petition.refresh_from_db(fields=["poll"])
    return _back(petition)


@require_POST
@login_required
def petition_withdraw(
    request: AuthenticatedHttpRequest, slug: str, petition_id: int
) -> HttpResponse:
    petition = access.petition_for_member(person=request.user, slug=slug, petition_id=petition_id)
    run_service(
        request,
        lambda: services.recall_signature_withdraw(petition=petition, by=request.user),
        _("Your signature is withdrawn."),
    )
    return redirect("recalls:detail", slug=slug, petition_id=petition.pk)


@require_POST
@login_required
def petition_statement(
    request: AuthenticatedHttpRequest, slug: str, petition_id: int
) -> HttpResponse:
    petition = access.petition_for_holder(person=request.user, slug=slug, petition_id=petition_id)
    form = RecallStatementForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write your answer (at most 4,000 characters)."))
        return redirect("recalls:detail", slug=slug, petition_id=petition.pk)
    run_service(
        request,
        lambda: services.recall_statement_give(
            petition=petition, by=request.user, statement=form.cleaned_data["statement"]
        ),
        _("Your answer is shown to the members."),
    )
    return redirect("recalls:detail", slug=slug, petition_id=petition.pk)
