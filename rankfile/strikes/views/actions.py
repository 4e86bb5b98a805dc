"""Campaign state changes: access check -> form -> one service -> redirect. POST only, except
the two pages that show a form (GET shows it, POST submits it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.committees.access import committee_for_officer
from rankfile.core.errors import RuleViolation
from rankfile.core.http import render_form, run_service, submitted
from rankfile.motions.models import MotionKind
from rankfile.motions.services import motion_propose
from rankfile.strikes import access, selectors, services
from rankfile.strikes.forms import CampaignStartForm, EndorseForm, PledgeForm, StrikeReportForm
from rankfile.strikes.lifecycle import Action, campaign_refusal
from rankfile.strikes.outcomes import campaign_terms_effect, campaign_terms_text


@require_http_methods(["GET", "POST"])
@login_required
def campaign_start(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """An officer prepares the campaign's terms; they become a motion the committee's members
    (its delegates, in a coordinating committee) adopt or not. Nothing starts before."""
    committee = committee_for_officer(person=request.user, slug=slug)
    form = CampaignStartForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        terms = {
            "title": data["title"].strip(),
            "demands": data["demands"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "threshold_percent": data["threshold_percent"],
            "threshold_workplaces": data["threshold_workplaces"],
            "deadline_at": form.deadline_at(),
        }
        try:
            refusal = services.campaign_terms_refusal(**terms)
            if refusal:
                raise RuleViolation(refusal)
            motion = motion_propose(
                committee=committee,
                by=request.user,
                kind=MotionKind.CAMPAIGN_START,
                title=_("Start the campaign “%(title)s”") % {"title": terms["title"]},
                text=campaign_terms_text(terms),
                effect=campaign_terms_effect(terms=terms, proposer=request.user),
            )
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your proposal is a motion now: the members decide."))
            return redirect("motions:detail", motion_id=motion.pk)
    return render_form(request, "strikes/start.html", {"form": form, "committee": committee})


@require_POST
@login_required
def pledge(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access.campaign_for_viewer(person=request.user, campaign_id=campaign_id)
    committees = access.committee_for_pledge(person=request.user, campaign=campaign)
    form = PledgeForm(request.POST, committees=[(c.pk, c.name) for c in committees])
    if not form.is_valid():
        messages.error(request, _("Choose the committee your pledge counts for."))
        return redirect("strikes:detail", campaign_id=campaign.pk)
    committee = next(c for c in committees if c.pk == form.cleaned_data["committee"])
    run_service(
        request,
        lambda: services.pledge_make(campaign=campaign, person=request.user, committee=committee),
        _("Your pledge is counted. Nobody can see that it is yours."),
    )
    return redirect("strikes:detail", campaign_id=campaign.pk)


@require_POST
@login_required
def withdraw(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access.campaign_for_viewer(person=request.user, campaign_id=campaign_id)
    run_service(
        request,
        lambda: services.pledge_withdraw(campaign=campaign, person=request.user),
        _("Your pledge is withdrawn."),
    )
    return redirect("strikes:detail", campaign_id=campaign.pk)


@require_POST
@login_required
def endorse(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """An officer proposes to their committee that it endorse the campaign: a motion its
    members adopt or not."""
    campaign = access.campaign_for_viewer(person=request.user, campaign_id=campaign_id)
    officered = access.committees_for_endorsement(person=request.user, campaign=campaign)
    form = EndorseForm(request.POST, committees=[(c.pk, c.name) for c in officered])
    if not form.is_valid():
        messages.error(request, _("Choose the committee that endorses the campaign."))
        return redirect("strikes:detail", campaign_id=campaign.pk)
    committee = next(c for c in officered if c.pk == form.cleaned_data["committee"])
    try:
        refusal = services.campaign_endorse_refusal(campaign, committee=committee)
        if refusal:
            raise RuleViolation(refusal)
        motion = motion_propose(
            committee=committee,
            by=request.user,
            kind=MotionKind.ENDORSE,
            title=_("Endorse the campaign “%(title)s”") % {"title": campaign.title},
            text=_("%(name)s endorses the campaign “%(title)s” started by %(by)s.")
            % {"name": committee.name, "title": campaign.title, "by": campaign.committee.name},
            effect={"endorses": "campaign", "campaign_id": campaign.pk},
        )
    except RuleViolation as error:
        messages.error(request, error.message)
        return redirect("strikes:detail", campaign_id=campaign.pk)
    messages.success(request, _("Your proposal is a motion now: the members decide."))
    return redirect("motions:detail", motion_id=motion.pk)


@require_http_methods(["GET", "POST"])
@login_required
def report(request: AuthenticatedHttpRequest, campaign_id: int, slug: str) -> HttpResponse:
    campaign = access.campaign_for_viewer(person=request.user, campaign_id=campaign_id)
    committee = access.committee_for_report(person=request.user, campaign=campaign, slug=slug)
    form = StrikeReportForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.strike_report(
                campaign=campaign,
                committee=committee,
                by=request.user,
                status=form.cleaned_data["status"],
                workers_out=form.cleaned_data["workers_out"],
            )
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The report is recorded."))
            return redirect("strikes:report", campaign_id=campaign.pk, slug=committee.slug)
    context = {
        "form": form,
        "campaign": campaign,
        "committee": committee,
        "refusal": campaign_refusal(campaign, action=Action.REPORT),
        "reports": list(selectors.committee_reports(campaign=campaign, committee=committee)),
    }
    return render_form(request, "strikes/report.html", context)
