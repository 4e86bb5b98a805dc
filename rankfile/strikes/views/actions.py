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
from rankfile.strikes import access, selectors, services
from rankfile.strikes.forms import CampaignStartForm, EndorseForm, PledgeForm, StrikeReportForm
from rankfile.strikes.lifecycle import Action, campaign_refusal


@require_http_methods(["GET", "POST"])
@login_required
def campaign_start(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee = committee_for_officer(person=request.user, slug=slug)
    form = CampaignStartForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.campaign_start(
                committee=committee,
                by=request.user,
                title=data["title"],
                demands=data["demands"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                threshold_percent=data["threshold_percent"],
                threshold_workplaces=data["threshold_workplaces"],
                deadline_at=form.deadline_at(),
            )
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The campaign is started."))
            return redirect("strikes:detail", campaign_id=campaign.pk)
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
    campaign = access.campaign_for_viewer(person=request.user, campaign_id=campaign_id)
    officered = access.committees_for_endorsement(person=request.user, campaign=campaign)
    form = EndorseForm(request.POST, committees=[(c.pk, c.name) for c in officered])
    if not form.is_valid():
        messages.error(request, _("Choose the committee that endorses the campaign."))
        return redirect("strikes:detail", campaign_id=campaign.pk)
    committee = next(c for c in officered if c.pk == form.cleaned_data["committee"])
    run_service(
        request,
        lambda: services.campaign_endorse(campaign=campaign, committee=committee, by=request.user),
        _("%(name)s endorses the campaign.") % {"name": committee.name},
    )
    return redirect("strikes:detail", campaign_id=campaign.pk)


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
