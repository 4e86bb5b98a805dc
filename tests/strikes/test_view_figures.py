"""The campaign's figures as JSON: the same k-anonymity as the pages."""

from __future__ import annotations

from django.urls import reverse

from rankfile.strikes.models import Pledge
from rankfile.strikes.services import pledge_make
from tests.factories import logged_in, make_member
from tests.strikes.helpers import make_campaign, make_pledgers, pledge_all


def url(campaign, committee=None) -> str:
    if committee is None:
        return reverse("strikes:figures", args=[campaign.pk])
    return reverse("strikes:figures_in", args=[campaign.pk, committee.slug])


def test_it_gives_the_figures_with_single_workplaces_below_k_as_less_than_k(
    client, alliance, region, committee, hospital
):
    campaign = make_campaign(alliance)
    pledge_all(campaign, hospital, make_pledgers(hospital, 3))
    pledge_all(campaign, committee, make_pledgers(committee, 5))
    response = logged_in(client, make_member(committee).person).get(url(campaign))
    data = response.json()
    assert data["k"] == 5
    assert data["total"]["pledged"] == 8
    sectors = {row["key"]: row for row in data["by_sector"]}
    assert sectors["health"]["pledged"] == "<5"
    assert sectors["health"]["share_of_workforce_percent"] is None
    assert sectors["transit"]["pledged"] == 5
    assert data["history"]["pledged"]["total"][-1] == 8


def test_it_hides_a_committee_total_of_a_single_workplace_below_k(
    client, alliance, coordinating, committee, member
):
    campaign = make_campaign(alliance)
    pledge_make(campaign=campaign, person=member, committee=committee)
    data = logged_in(client, member).get(url(campaign, coordinating)).json()
    assert data["total"]["pledged"] == "<5"
    assert data["history"]["pledged"]["total"][-1] == "<5"


def test_it_names_no_pledger_and_no_holder(client, campaign, committee, chair):
    pledger = make_member(committee, handle="quiet_pledger").person
    pledge_make(campaign=campaign, person=pledger, committee=committee)
    body = logged_in(client, chair).get(url(campaign)).content.decode()
    assert "quiet_pledger" not in body and "holder" not in body
    assert Pledge.objects.get().holder not in body


def test_it_hides_the_campaign_from_an_outsider(outsider_client, campaign):
    assert outsider_client.get(url(campaign)).status_code == 404


def test_it_refuses_post(member_client, campaign):
    assert member_client.post(url(campaign)).status_code == 405
