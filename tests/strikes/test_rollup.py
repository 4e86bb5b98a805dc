"""campaign_rollup / campaign_history and the k-anonymous figures made of them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from rankfile.committees.figures import ShownCount
from rankfile.strikes import selectors
from rankfile.strikes.dashboard import history_through_today
from rankfile.strikes.figures import shown_rollup, shown_series
from rankfile.strikes.models import CampaignDay
from rankfile.strikes.services import pledge_make, strike_report
from tests.factories import chair_of, make_committee, set_bylaws
from tests.strikes.helpers import make_campaign, make_pledgers, pledge_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def alliance_campaign(alliance, region, committee, hospital):
    return make_campaign(alliance, percent=50, workplaces=3)


def test_it_counts_a_workplace_under_two_coordinating_committees_once_at_the_alliance(
    alliance_campaign, alliance, committee, hospital
):
    pledge_all(alliance_campaign, committee, make_pledgers(committee, 6))
    pledge_all(alliance_campaign, hospital, make_pledgers(hospital, 5))
    total = selectors.campaign_rollup(campaign=alliance_campaign, committee_id=alliance.pk).total
    assert total.base_committees == 2
    assert total.workforce == 650 + 10
    assert total.pledged == 6 + 5
    assert total.ready == 1  # the hospital: 5 of 10


def test_it_rolls_up_each_coordinating_committee_over_its_own_workplaces(
    alliance_campaign, coordinating, region, committee, hospital
):
    pledge_all(alliance_campaign, committee, make_pledgers(committee, 6))
    pledge_all(alliance_campaign, hospital, make_pledgers(hospital, 5))
    industry = selectors.campaign_rollup(campaign=alliance_campaign, committee_id=coordinating.pk)
    regional = selectors.campaign_rollup(campaign=alliance_campaign, committee_id=region.pk)
    assert (industry.total.base_committees, industry.total.pledged) == (1, 6)
    assert (regional.total.base_committees, regional.total.pledged) == (2, 11)
    assert set(regional.by_sector) == {"transit", "health"}
    assert regional.by_region["US/MN/Minneapolis"].pledged == 11


def test_it_uses_the_current_workforce_estimate(alliance_campaign, alliance, hospital):
    pledge_all(alliance_campaign, hospital, make_pledgers(hospital, 4))
    hospital.workforce_estimate = 8
    hospital.save()
    total = selectors.campaign_rollup(campaign=alliance_campaign, committee_id=alliance.pk).total
    assert total.ready == 1
    assert total.workforce == 650 + 8


def test_it_counts_strike_reports_by_the_latest_state_of_each_workplace(
    alliance, region, committee, hospital
):
    called = make_campaign(alliance, percent=None, starts_on=timezone.localdate())
    for status, out in [("partial", 100), ("out", 600)]:
        strike_report(
            campaign=called,
            committee=committee,
            by=chair_of(committee),
            status=status,
            workers_out=out,
        )
    strike_report(
        campaign=called, committee=hospital, by=chair_of(hospital), status="working", workers_out=0
    )
    total = selectors.campaign_rollup(campaign=called, committee_id=alliance.pk).total
    assert (total.out, total.partial, total.working, total.workers_out) == (1, 0, 1, 600)
    days = CampaignDay.objects.filter(campaign=called, committee=committee).get()
    assert (days.out, days.partial, days.workers_out) == (1, 0, 600)


def test_it_shows_a_single_workplace_figure_below_k_as_fewer_than_k(
    alliance_campaign, alliance, committee, hospital
):
    pledge_all(alliance_campaign, hospital, make_pledgers(hospital, 3))
    pledge_all(alliance_campaign, committee, make_pledgers(committee, 2))
    shown = shown_rollup(
        selectors.campaign_rollup(campaign=alliance_campaign, committee_id=alliance.pk), k=5
    )
    health = next(row for row in shown.by_sector if row.key == "health")
    assert health.pledged.is_hidden and str(health.pledged) == "fewer than 5"
    assert health.share_percent is None and health.ready is None
    assert health.as_json()["pledged"] == "<5"
    # The region bucket holds both workplaces: an aggregate, shown as it is.
    assert shown.by_region[0].pledged == ShownCount(5, 5)
    assert shown.total.pledged.value == 5


def test_it_shows_a_single_workplace_figure_of_k_or_more(alliance_campaign, alliance, hospital):
    pledge_all(alliance_campaign, hospital, make_pledgers(hospital, 5))
    shown = shown_rollup(
        selectors.campaign_rollup(campaign=alliance_campaign, committee_id=alliance.pk), k=5
    )
    health = next(row for row in shown.by_sector if row.key == "health")
    assert health.pledged.value == 5 and health.share_percent == 50.0 and health.ready == 1


def test_it_applies_k_to_the_total_of_a_committee_with_a_single_workplace(
    alliance_campaign, coordinating, committee
):
    pledge_all(alliance_campaign, committee, make_pledgers(committee, 2))
    shown = shown_rollup(
        selectors.campaign_rollup(campaign=alliance_campaign, committee_id=coordinating.pk), k=5
    )
    assert shown.total.pledged.is_hidden


def test_it_takes_the_larger_k_a_workplace_under_the_committee_set_for_itself(
    alliance, region, hospital
):
    assert selectors.rollup_k(committee=alliance) == 5
    set_bylaws(hospital, k_anonymity=12)
    assert selectors.rollup_k(committee=alliance) == 12
    set_bylaws(alliance, k_anonymity=20)
    assert selectors.rollup_k(committee=alliance) == 20


def test_it_sorts_strongest_first_without_placing_hidden_rows_by_their_true_value(
    alliance, region, committee, hospital
):
    campaign = make_campaign(alliance, percent=50, workplaces=9)
    school = make_committee(
        name="School",
        parent=region,
        sector="education",
        region="US/MN/St Paul",
        workforce_estimate=4,
    )
    pledge_all(campaign, school, make_pledgers(school, 4))  # 100 %, but 4 < k
    pledge_all(campaign, hospital, make_pledgers(hospital, 5))  # 50 %
    pledge_all(campaign, committee, make_pledgers(committee, 6))  # 1 %
    shown = shown_rollup(selectors.campaign_rollup(campaign=campaign, committee_id=alliance.pk), 5)
    assert [row.key for row in shown.by_sector] == ["health", "transit", "education"]


def test_it_builds_the_daily_history_as_running_sums_of_the_daily_changes(
    alliance_campaign, alliance, committee, hospital
):
    today = timezone.localdate()
    CampaignDay.objects.create(
        campaign=alliance_campaign, committee=hospital, day=today - timedelta(days=2), pledged=4
    )
    CampaignDay.objects.create(
        campaign=alliance_campaign,
        committee=hospital,
        day=today - timedelta(days=1),
        pledged=2,
        ready=1,
    )
    pledge_make(
        campaign=alliance_campaign, person=make_pledgers(committee, 1)[0], committee=committee
    )
    history = selectors.campaign_history(
        campaign=alliance_campaign, committee_id=alliance.pk, groups=["health", "transit"]
    )
    assert history.days[-3:] == [today - timedelta(days=n) for n in (2, 1, 0)]
    assert history.total["pledged"][-3:] == [4, 6, 7]
    assert history.total["ready"][-3:] == [0, 1, 1]
    assert history.groups["health"]["pledged"][-3:] == [4, 6, 6]
    assert history.groups["transit"]["pledged"][-3:] == [0, 0, 1]


def test_it_keeps_apart_only_the_groups_asked_for(alliance_campaign, alliance, committee):
    pledge_make(
        campaign=alliance_campaign, person=make_pledgers(committee, 1)[0], committee=committee
    )
    history = selectors.campaign_history(
        campaign=alliance_campaign, committee_id=alliance.pk, by="region", groups=["US/Elsewhere"]
    )
    assert history.total["pledged"][-1] == 1
    assert list(history.groups) == ["US/Elsewhere"]
    assert history.groups["US/Elsewhere"]["pledged"][-1] == 0


def test_it_draws_past_days_from_the_history_and_today_from_the_live_figures(
    alliance_campaign, alliance, committee, hospital
):
    today = timezone.localdate()
    CampaignDay.objects.create(
        campaign=alliance_campaign, committee=hospital, day=today - timedelta(days=1), pledged=5
    )
    pledge_all(alliance_campaign, hospital, make_pledgers(hospital, 6))
    rollup = selectors.campaign_rollup(campaign=alliance_campaign, committee_id=alliance.pk)
    history = history_through_today(
        campaign=alliance_campaign,
        committee=alliance,
        by="sector",
        groups=["health"],
        rollup=rollup,
    )
    # Yesterday from the history rows; today the live count (the rows written directly for
    # yesterday are not pledges, so the two differ here, which shows where each comes from).
    assert history.days[-2:] == [today - timedelta(days=1), today]
    assert history.total["pledged"][-2:] == [5, 6]
    assert history.groups["health"]["ready"][-1] == 1


def test_it_hides_the_days_a_single_workplace_line_is_below_k(
    alliance_campaign, alliance, committee, hospital
):
    today = timezone.localdate()
    CampaignDay.objects.create(
        campaign=alliance_campaign, committee=hospital, day=today - timedelta(days=1), pledged=3
    )
    CampaignDay.objects.create(
        campaign=alliance_campaign, committee=hospital, day=today, pledged=3, ready=1
    )
    history = selectors.campaign_history(
        campaign=alliance_campaign, committee_id=alliance.pk, groups=["health"]
    )
    rollup = selectors.campaign_rollup(campaign=alliance_campaign, committee_id=alliance.pk)
    _days, total, groups = shown_series(history, rollup, field="pledged", by="sector", k=5)
    health = next(line for line in groups if line.key == "health")
    assert health.values[-2:] == [None, 6]
    assert total.values[-2:] == [3, 6]  # two workplaces: an aggregate
    _days, _total, groups = shown_series(history, rollup, field="ready", by="sector", k=5)
    assert next(line for line in groups if line.key == "health").values[-2:] == [None, 1]
