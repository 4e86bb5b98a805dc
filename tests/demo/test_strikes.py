"""The demo campaign loads on top of the demo federation, part-way to its trigger."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from rankfile.accounts.models import Person
from rankfile.demo.scenario import demo_load
from rankfile.strikes import selectors
from rankfile.strikes.models import Campaign, CampaignStatus, Endorsement, Pledge, PledgeCount
from tests.factories import logged_in, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_campaign():
    demo_load()  # loads the campaign too
    return Campaign.objects.get()


def test_it_loads_a_campaign_part_way_to_its_trigger_with_weeks_of_history(demo_campaign):
    assert demo_campaign.status == CampaignStatus.COLLECTING
    assert demo_campaign.workplaces_ready == 1
    assert demo_campaign.threshold_workplaces == 3
    assert Endorsement.objects.filter(campaign=demo_campaign).count() == 1
    history = selectors.campaign_history(
        campaign=demo_campaign, committee_id=demo_campaign.committee_id
    )
    assert history.days[0] <= timezone.localdate() - timedelta(days=21)
    pledged = Pledge.objects.filter(campaign=demo_campaign).count()
    assert PledgeCount.objects.aggregate(total=Sum("count"))["total"] == pledged
    assert history.total["pledged"][-1] == pledged
    assert history.total["ready"][-1] == 1
    assert 0 < history.total["pledged"][7] < history.total["pledged"][-8] < pledged


def test_it_leaves_the_personas_free_to_pledge_on_the_tour(client, demo_campaign):
    dwayne = Person.objects.get(handle="dwayne")
    text = page_text(
        logged_in(client, dwayne).get(reverse("strikes:detail", args=[demo_campaign.pk]))
    )
    assert "I pledge" in text
    assert "1 of 3 workplaces ready" in text
