"""Read-only campaign pages and the JSON figures."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.strikes import access, selectors
from rankfile.strikes.dashboard import DIMENSIONS, campaign_dashboard, dashboard_json
from rankfile.strikes.figures import shown_figures
from rankfile.strikes.forms import EndorseForm, PledgeForm
from rankfile.strikes.lifecycle import (
    Action,
    campaign_is_under_way,
    campaign_refusal,
    campaign_trigger_refusal,
)
from rankfile.strikes.models import CampaignStatus


@require_GET
@never_cache  # it says whether I pledged: not for a shared device's cache
@login_required
def campaign_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    campaigns = list(
        selectors.campaigns_with_demands(access.campaigns_visible_to(person=request.user)).order_by(
            "-started_at", "-id"
        )
    )
    pledges = selectors.pledges_of_person(
        person=request.user, campaign_ids=[c.pk for c in campaigns]
    )
    context = {
        "rows": [(campaign, pledges.get(campaign.pk)) for campaign in campaigns],
        "can_start_for": access.committees_where_officer(person=request.user),
    }
    return render(request, "strikes/list.html", context)


@require_GET
@never_cache
@login_required
def campaign_detail(
    request: AuthenticatedHttpRequest, campaign_id: int, slug: str | None = None
) -> HttpResponse:
    campaign = access.campaign_for_viewer(person=request.user, campaign_id=campaign_id)
    committee = (
        campaign.committee
        if slug is None
        else access.rollup_committee(person=request.user, campaign=campaign, slug=slug)
    )
    by = request.GET.get("by", "sector")
    by = by if by in DIMENSIONS else "sector"
    dashboard = campaign_dashboard(campaign=campaign, committee=committee, by=by)
    whole = dashboard.figures.total
    if committee.pk != campaign.committee_id:
        whole = shown_figures(
            "",
            selectors.campaign_rollup(campaign=campaign, committee_id=campaign.committee_id).total,
            dashboard.k,
        )
    my_committees = access.pledge_committees(person=request.user, campaign=campaign)
    officered = access.committees_officered(person=request.user, campaign=campaign)
    endorsements = selectors.campaign_endorsements(campaign=campaign)
    endorsed_ids = {row.committee.pk for row in endorsements}
    endorse_choices = [
        (c.pk, c.name)
        for c in officered
        if c.pk != campaign.committee_id and c.pk not in endorsed_ids
    ]
    my_pledge = selectors.pledges_of_person(person=request.user, campaign_ids=[campaign.pk]).get(
        campaign.pk
    )
    context = {
        "campaign": campaign,
        "committee": committee,
        "is_whole_campaign": committee.pk == campaign.committee_id,
        "demands": selectors.campaign_demands(campaign=campaign),
        "dashboard": dashboard,
        "figures": dashboard.figures,
        "groups": dashboard.figures.by_sector if by == "sector" else dashboard.figures.by_region,
        "by": by,
        "whole": whole,
        "trigger_refusal": campaign_trigger_refusal(campaign, workplaces_ready=whole.ready or 0),
        "pledge_refusal": campaign_refusal(campaign, action=Action.PLEDGE),
        "withdraw_refusal": campaign_refusal(campaign, action=Action.WITHDRAW),
        "report_refusal": campaign_refusal(campaign, action=Action.REPORT),
        "endorse_refusal": campaign_refusal(campaign, action=Action.ENDORSE),
        "is_under_way": campaign_is_under_way(campaign),
        "my_pledge": my_pledge,
        "pledge_form": PledgeForm(committees=[(c.pk, c.name) for c in my_committees]),
        "my_workplaces": selectors.my_workplaces(
            person=request.user, campaign=campaign, committees=my_committees
        ),
        "endorsements": endorsements,
        "endorse_form": EndorseForm(committees=endorse_choices) if endorse_choices else None,
        "rollup_links": access.rollup_choices(person=request.user, campaign=campaign),
        "CampaignStatus": CampaignStatus,
    }
    return render(request, "strikes/detail.html", context)


@require_GET
@login_required
def strong(
    request: AuthenticatedHttpRequest, campaign_id: int, slug: str | None = None
) -> HttpResponse:
    """Where are we strong: regions and sectors, strongest first, with bars and no map."""
    campaign = access.campaign_for_viewer(person=request.user, campaign_id=campaign_id)
    committee = (
        campaign.committee
        if slug is None
        else access.rollup_committee(person=request.user, campaign=campaign, slug=slug)
    )
    dashboard = campaign_dashboard(
        campaign=campaign, committee=committee, by="sector", with_charts=False
    )
    context = {
        "campaign": campaign,
        "committee": committee,
        "figures": dashboard.figures,
    }
    return render(request, "strikes/strong.html", context)


@require_GET
@login_required
def figures_json(
    request: AuthenticatedHttpRequest, campaign_id: int, slug: str | None = None
) -> JsonResponse:
    campaign = access.campaign_for_viewer(person=request.user, campaign_id=campaign_id)
    committee = (
        campaign.committee
        if slug is None
        else access.rollup_committee(person=request.user, campaign=campaign, slug=slug)
    )
    return JsonResponse(dashboard_json(campaign=campaign, committee=committee))
