"""Pledging from the campaign page."""

from __future__ import annotations

from django.urls import reverse

from rankfile.strikes.models import Pledge, PledgeCount
from tests.factories import last_message, logged_in, make_committee, make_member


def url(campaign) -> str:
    return reverse("strikes:pledge", args=[campaign.pk])


def test_it_counts_my_pledge_for_my_workplace(member_client, campaign, committee):
    response = member_client.post(url(campaign), {"committee": committee.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("strikes:detail", args=[campaign.pk])
    assert "Nobody can see that it is yours" in last_message(response)
    assert PledgeCount.objects.get(campaign=campaign, committee=committee).count == 1


def test_it_counts_the_pledge_where_a_member_of_two_chooses(
    client, coordinating, campaign, committee, member
):
    depot = make_committee(name="Depot", parent=coordinating, workforce_estimate=50)
    make_member(depot, member)
    logged_in(client, member).post(url(campaign), {"committee": depot.pk})
    assert Pledge.objects.get().committee == depot


def test_it_refuses_a_committee_i_am_not_in(client, coordinating, campaign, member):
    depot = make_committee(name="Depot", parent=coordinating, workforce_estimate=50)
    response = logged_in(client, member).post(url(campaign), {"committee": depot.pk})
    assert "Choose the committee" in last_message(response)
    assert not Pledge.objects.exists()


def test_it_refuses_a_second_pledge_and_says_why(member_client, campaign, committee):
    member_client.post(url(campaign), {"committee": committee.pk})
    response = member_client.post(url(campaign), {"committee": committee.pk})
    assert "already pledged" in last_message(response)
    assert Pledge.objects.count() == 1


def test_it_refuses_a_member_of_no_covered_workplace(client, campaign, coordinating, coordinator):
    response = logged_in(client, coordinator).post(url(campaign), {"committee": coordinating.pk})
    assert response.status_code == 403
    assert not Pledge.objects.exists()


def test_it_hides_the_campaign_from_an_outsider(outsider_client, campaign, committee):
    assert outsider_client.post(url(campaign), {"committee": committee.pk}).status_code == 404


def test_it_refuses_get(member_client, campaign):
    assert member_client.get(url(campaign)).status_code == 405


def test_it_refuses_a_pledge_in_an_action_called_without_conditions(
    member_client, called, committee
):
    response = member_client.post(url(called), {"committee": committee.pk})
    assert response.status_code == 302
    assert "without conditions" in last_message(response)
    assert not Pledge.objects.exists()
