"""`rankfile campaigns_tick`: what the clock decides."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from rankfile.strikes.models import Campaign, CampaignStatus, Pledge
from rankfile.strikes.services import pledge_make
from rankfile.strikes.tick import campaigns_tick_task
from tests.strikes.helpers import fresh

pytestmark = pytest.mark.django_db


def test_it_closes_a_campaign_whose_deadline_passed_and_releases_its_pledges(
    campaign, committee, member
):
    pledge_make(campaign=campaign, person=member, committee=committee)
    Campaign.objects.filter(pk=campaign.pk).update(deadline_at=timezone.now() - timedelta(1))
    out = StringIO()
    call_command("campaigns_tick", stdout=out)
    assert fresh(campaign).status == CampaignStatus.NOT_REACHED
    assert not Pledge.objects.exists()
    assert "not_reached: 1" in out.getvalue()


def test_it_leaves_an_open_campaign_open(campaign):
    out = StringIO()
    call_command("campaigns_tick", stdout=out)
    assert fresh(campaign).status == CampaignStatus.COLLECTING
    assert "collecting: 1" in out.getvalue()


def test_it_can_run_as_a_task(campaign):
    Campaign.objects.filter(pk=campaign.pk).update(deadline_at=timezone.now() - timedelta(1))
    result = campaigns_tick_task.enqueue()
    assert result.return_value == {"not_reached": 1}
