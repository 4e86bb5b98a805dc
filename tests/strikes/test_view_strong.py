"""Where are we strong: regions and sectors, strongest first, k-anonymous."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.factories import logged_in, make_committee, make_member, page_text
from tests.strikes.helpers import make_campaign, make_pledgers, pledge_all


def url(campaign) -> str:
    return reverse("strikes:strong", args=[campaign.pk])


def test_it_lists_regions_and_sectors_strongest_first_with_bars(
    client, alliance, region, committee, hospital
):
    campaign = make_campaign(alliance, percent=50, workplaces=2)
    depot = make_committee(
        name="Depot", parent=region, sector="transit", region="US/MN/St Paul", workforce_estimate=20
    )
    pledge_all(campaign, hospital, make_pledgers(hospital, 6))
    pledge_all(campaign, depot, make_pledgers(depot, 5))
    response = logged_in(client, make_member(committee).person).get(url(campaign))
    text = page_text(response)
    sectors = text[text.index("Sectors, strongest first") :]
    assert sectors.index("Health care") < sectors.index("Transit")
    assert re.search(r"Health care 60.0 % 6 1 1 10", sectors)
    assert response.content.decode().count('<svg class="bar"') >= 4


def test_it_shows_a_region_of_a_single_workplace_below_k_as_fewer_than_k(
    client, alliance, region, committee, hospital
):
    campaign = make_campaign(alliance)
    depot = make_committee(
        name="Depot", parent=region, sector="transit", region="US/MN/Duluth", workforce_estimate=20
    )
    pledge_all(campaign, depot, make_pledgers(depot, 2))
    text = page_text(logged_in(client, make_member(committee).person).get(url(campaign)))
    assert re.search(r"US/MN/Duluth — fewer than 5 — 1 20", text)
    assert not re.search(r"US/MN/Duluth [\d.]+ % 2 ", text)


def test_it_hides_the_campaign_from_an_outsider(outsider_client, campaign):
    assert outsider_client.get(url(campaign)).status_code == 404


def test_it_refuses_post(member_client, campaign):
    assert member_client.post(url(campaign)).status_code == 405
