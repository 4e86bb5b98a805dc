"""The campaign list and a campaign's page read a fixed number of queries, however many
campaigns and pledges there are."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import logged_in
from tests.strikes.helpers import make_campaign, make_pledgers, pledge_all


@pytest.mark.parametrize("size", [1, 5])
def test_it_lists_the_campaigns_in_six_queries(
    client, coordinating, committee, chair, size, django_assert_num_queries
):
    campaigns = [make_campaign(coordinating, title=f"Campaign {n}") for n in range(size)]
    for campaign in campaigns:
        pledge_all(campaign, committee, make_pledgers(committee, 2))
    logged_in(client, chair)
    with django_assert_num_queries(6):
        response = client.get(reverse("strikes:list"))
    assert response.status_code == 200
    assert all(campaign.title in response.content.decode() for campaign in campaigns)


@pytest.mark.parametrize("size", [1, 5])
def test_it_shows_a_campaign_in_sixteen_queries(
    client, coordinating, committee, chair, size, django_assert_num_queries
):
    campaigns = [make_campaign(coordinating, title=f"Campaign {n}") for n in range(size)]
    pledge_all(campaigns[0], committee, make_pledgers(committee, size))
    logged_in(client, chair)
    with django_assert_num_queries(16):
        response = client.get(reverse("strikes:detail", args=[campaigns[0].pk]))
    assert response.status_code == 200
