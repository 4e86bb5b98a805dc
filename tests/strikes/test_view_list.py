"""The list of campaigns visible to me."""

from __future__ import annotations

from django.urls import reverse

from rankfile.strikes.services import pledge_make
from tests.factories import logged_in, make_committee, page_text, queries_of
from tests.strikes.helpers import make_campaign

URL = reverse("strikes:list")


def test_it_lists_the_campaigns_of_the_committees_above_mine(member_client, campaign):
    text = page_text(member_client.get(URL))
    assert campaign.title in text
    assert "Withdrawal of all federal agents from the city" in text
    assert "Collecting pledges" in text


def test_it_says_that_i_pledged_and_nothing_about_anyone_else(
    client, campaign, committee, member, chair
):
    pledge_make(campaign=campaign, person=member, committee=committee)
    assert "You have pledged." in page_text(logged_in(client, member).get(URL))
    assert "You have pledged." not in page_text(logged_in(client, chair).get(URL))


def test_it_shows_an_outsider_no_campaign(outsider_client, campaign):
    response = outsider_client.get(URL)
    assert response.status_code == 200
    assert campaign.title not in page_text(response)


def test_it_hides_campaigns_of_committees_that_are_not_above_mine(member_client, campaign):
    elsewhere = make_committee("coordinating", name="Elsewhere", sector="health")
    other = make_campaign(elsewhere, title="Somebody else's campaign")
    assert other.title not in page_text(member_client.get(URL))


def test_it_offers_officers_to_start_a_campaign_and_members_not(client, campaign, chair, member):
    assert "Start a campaign for Heywood Bus Garage" in page_text(logged_in(client, chair).get(URL))
    assert "Start a campaign" not in page_text(logged_in(client, member).get(URL))


def test_it_refuses_post(member_client):
    assert member_client.post(URL).status_code == 405


def test_it_sends_a_visitor_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_it_makes_the_same_number_of_queries_for_one_campaign_or_five(
    member_client, coordinating, campaign
):
    one = queries_of(member_client, URL)
    for n in range(4):
        make_campaign(coordinating, title=f"Campaign {n}")
    assert queries_of(member_client, URL) == one
