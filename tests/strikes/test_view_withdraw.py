"""Withdrawing a pledge from the campaign page."""

from __future__ import annotations

from django.urls import reverse

from rankfile.strikes.models import Pledge, PledgeCount
from rankfile.strikes.services import pledge_make
from tests.factories import last_message, logged_in
from tests.strikes.helpers import fresh, make_campaign, make_pledgers, pledge_all


def url(campaign) -> str:
    return reverse("strikes:withdraw", args=[campaign.pk])


def test_it_withdraws_my_pledge(member_client, campaign, committee, member):
    pledge_make(campaign=campaign, person=member, committee=committee)
    response = member_client.post(url(campaign))
    assert response.status_code == 302
    assert last_message(response) == "Your pledge is withdrawn."
    assert not Pledge.objects.exists()
    assert PledgeCount.objects.get(campaign=campaign).count == 0


def test_it_withdraws_only_my_own_pledge(client, campaign, committee, member, chair):
    pledge_make(campaign=campaign, person=member, committee=committee)
    response = logged_in(client, chair).post(url(campaign))
    assert "no pledge to withdraw" in last_message(response)
    assert Pledge.objects.count() == 1


def test_it_refuses_after_the_trigger_and_says_why(client, coordinating, committee):
    campaign = make_campaign(coordinating, percent=1, workplaces=1)
    people = make_pledgers(committee, 7)
    pledge_all(campaign, committee, people)
    assert fresh(campaign).status == "triggered"
    response = logged_in(client, people[0]).post(url(campaign))
    assert "cannot be withdrawn after the trigger" in last_message(response)
    assert Pledge.objects.count() == 7


def test_it_hides_the_campaign_from_an_outsider(outsider_client, campaign):
    assert outsider_client.post(url(campaign)).status_code == 404


def test_it_refuses_get(member_client, campaign):
    assert member_client.get(url(campaign)).status_code == 405
