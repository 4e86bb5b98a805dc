"""The campaign page: the dashboard, my pledge, endorsements, reports."""

from __future__ import annotations

import re

from django.core.cache import cache
from django.urls import reverse

from rankfile.strikes.services import pledge_make
from tests.factories import (
    logged_in,
    make_committee,
    make_member,
    make_person,
    page_text,
    queries_of,
)
from tests.strikes.helpers import fresh, make_campaign, make_pledgers, pledge_all


def url(campaign, committee=None) -> str:
    if committee is None:
        return reverse("strikes:detail", args=[campaign.pk])
    return reverse("strikes:detail_in", args=[campaign.pk, committee.slug])


def test_it_shows_the_campaign_its_demands_and_its_trigger(member_client, campaign):
    text = page_text(member_client.get(url(campaign)))
    assert campaign.title in text
    assert "Release of everyone detained in the raids" in text
    assert "at least 50% of the workforce of at least 1 workplaces" in text
    assert "0 of 1 workplaces ready" in text
    assert "I pledge" in text


def test_it_shows_my_own_pledge_and_lets_me_withdraw_it(client, campaign, committee, member):
    pledge_make(campaign=campaign, person=member, committee=committee)
    text = page_text(logged_in(client, member).get(url(campaign)))
    assert "You have pledged. Your pledge counts for Heywood Bus Garage." in text
    assert "Withdraw my pledge" in text
    assert "I pledge" not in text


def test_it_shows_nobody_else_that_i_pledged(client, campaign, committee, chair):
    pledger = make_member(committee, handle="quiet_pledger").person
    pledge_make(campaign=campaign, person=pledger, committee=committee)
    text = page_text(logged_in(client, chair).get(url(campaign)))
    assert "You have pledged" not in text and "quiet_pledger" not in text


def test_it_offers_a_choice_of_committee_to_a_member_of_two(client, coordinating, campaign, member):
    depot = make_committee(name="Depot", parent=coordinating, workforce_estimate=50)
    make_member(depot, member)
    html = logged_in(client, member).get(url(campaign)).content.decode()
    assert re.search(r'<select name="committee"[^>]*>', html)
    assert "Depot" in html and "Heywood Bus Garage" in html


def test_it_shows_a_single_workplace_below_k_as_fewer_than_k(
    client, alliance, region, committee, hospital
):
    campaign = make_campaign(alliance, percent=50, workplaces=2)
    pledge_all(campaign, hospital, make_pledgers(hospital, 3))
    pledge_all(campaign, committee, make_pledgers(committee, 6))
    viewer = make_member(committee).person
    text = page_text(logged_in(client, viewer).get(url(campaign) + "?by=sector"))
    health = re.search(r"Health care (?:—|[\d.]+ %) (fewer than 5|\d+) (?:—|\d+) 1 10", text)
    assert health and health.group(1) == "fewer than 5"
    assert re.search(r"Transit 0.9 % 6 0 1 650", text)
    # Nine pledges over two workplaces: an aggregate, shown as it is.
    assert "9 workers pledged" in text


def test_it_shows_a_member_their_own_workplace_exactly(client, alliance, region, hospital):
    campaign = make_campaign(alliance, percent=50, workplaces=2)
    people = make_pledgers(hospital, 3)
    pledge_all(campaign, hospital, people)
    text = page_text(logged_in(client, people[0]).get(url(campaign)))
    assert re.search(r"My workplaces .* Hennepin Hospital 3 10 2 more pledges", text)


def test_it_links_an_officer_to_the_workforce_estimate(client, campaign, committee, chair):
    html = logged_in(client, chair).get(url(campaign)).content.decode()
    assert reverse("committees:edit", args=[committee.slug]) in html


def test_it_draws_the_charts_as_inline_svg_with_a_table(member_client, campaign, committee, member):
    pledge_make(campaign=campaign, person=member, committee=committee)
    html = member_client.get(url(campaign)).content.decode()
    assert html.count('<svg class="chart"') == 2  # no "workers out" before the trigger
    assert 'role="img"' in html and '<title id="chart-pledged-title">' in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "The numbers, day by day" in html


def test_it_groups_the_charts_by_region_on_request(member_client, campaign):
    response = member_client.get(url(campaign) + "?by=region")
    assert response.status_code == 200
    assert "by region" in page_text(response)


def test_it_says_why_pledging_is_over_once_triggered(client, coordinating, committee, member):
    campaign = make_campaign(coordinating, percent=1, workplaces=1)
    pledge_all(campaign, committee, make_pledgers(committee, 7))
    assert fresh(campaign).status == "triggered"
    text = page_text(logged_in(client, member).get(url(campaign)))
    assert "the strike is on" in text
    assert "I pledge" not in text


def test_it_shows_the_part_of_the_campaign_under_one_of_my_committees(
    client, alliance, region, committee, hospital, delegate
):
    campaign = make_campaign(alliance)
    pledge_all(campaign, hospital, make_pledgers(hospital, 5))
    text = page_text(logged_in(client, delegate).get(url(campaign, region)))
    assert "The figures below are for the committees under Minneapolis." in text
    assert "5 workers pledged" in text


def test_it_hides_the_part_of_a_committee_i_am_not_under(
    client, alliance, coordinating, region, hospital
):
    campaign = make_campaign(alliance)
    logged_in(client, make_member(hospital).person)
    assert client.get(url(campaign)).status_code == 200
    assert client.get(url(campaign, coordinating)).status_code == 404
    unrelated = make_committee("coordinating", name="Not in the campaign")
    make_member(unrelated, make_person("both"))
    assert client.get(url(campaign, unrelated)).status_code == 404


def test_it_hides_the_campaign_from_an_outsider(outsider_client, campaign):
    assert outsider_client.get(url(campaign)).status_code == 404


def test_it_hides_the_campaign_from_members_of_unrelated_committees(client, campaign):
    stranger = make_person("stranger")
    make_member(make_committee(name="Unrelated"), stranger)
    assert logged_in(client, stranger).get(url(campaign)).status_code == 404


def test_it_shows_the_campaign_without_a_pledge_form_to_a_member_of_the_starting_committee_only(
    client, campaign, coordinator
):
    response = logged_in(client, coordinator).get(url(campaign))
    assert response.status_code == 200
    assert "I pledge" not in page_text(response)


def test_it_refuses_post(member_client, campaign):
    assert member_client.post(url(campaign)).status_code == 405


def test_it_makes_the_same_few_queries_however_many_workplaces_pledge(
    client, coordinating, campaign, member
):
    logged_in(client, member)
    before = queries_of(client, url(campaign))
    for n in range(4):
        workplace = make_committee(name=f"Workplace {n}", parent=coordinating)
        pledge_all(campaign, workplace, make_pledgers(workplace, 2))
    cache.clear()
    assert queries_of(client, url(campaign)) == before <= 16
    # The days before today are summed once a day.
    assert queries_of(client, url(campaign)) == before - 1


def test_it_shows_the_strike_under_way_with_workers_out_below_k_hidden_for_one_workplace(
    client, alliance, region, committee, hospital
):
    from django.utils import timezone

    from rankfile.strikes.services import strike_report
    from tests.factories import chair_of

    called = make_campaign(alliance, percent=None, starts_on=timezone.localdate())
    strike_report(
        campaign=called, committee=hospital, by=chair_of(hospital), status="partial", workers_out=3
    )
    strike_report(
        campaign=called, committee=committee, by=chair_of(committee), status="out", workers_out=600
    )
    response = logged_in(client, make_member(committee).person).get(url(called) + "?by=sector")
    html, text = response.content.decode(), page_text(response)
    assert '<title id="chart-workers_out-title">Workers out</title>' in html
    assert "603 workers out" in text
    assert "1 / 1 / 0 workplaces out / partly out / working" in text
    assert re.search(r"Health care 0.0 % 0 1 10 0 1 0 fewer than 5", text)
    assert re.search(r"Transit 0.0 % 0 1 650 1 0 0 600", text)
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )
