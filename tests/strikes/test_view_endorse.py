"""Endorsing a campaign: an officer's recorded decision for their committee."""

from __future__ import annotations

from django.urls import reverse

from rankfile.motions.models import Motion
from rankfile.strikes.models import Campaign, CampaignStatus, Endorsement
from tests.factories import last_message, logged_in, page_text
from tests.motions.helpers import adopt_in_meeting


def url(campaign) -> str:
    return reverse("strikes:endorse", args=[campaign.pk])


def test_it_proposes_the_endorsement_to_the_committee(chair_client, campaign, committee, chair):
    response = chair_client.post(url(campaign), {"committee": committee.pk})
    motion = Motion.objects.get()
    assert response["Location"] == reverse("motions:detail", args=[motion.pk])
    assert (motion.committee, motion.proposer, motion.kind) == (committee, chair, "endorse")
    assert not Endorsement.objects.exists()


def test_it_lists_the_endorsing_committee_once_its_members_adopted_it(
    chair_client, campaign, committee
):
    chair_client.post(url(campaign), {"committee": committee.pk})
    adopt_in_meeting(Motion.objects.get())
    text = page_text(chair_client.get(reverse("strikes:detail", args=[campaign.pk])))
    assert "Heywood Bus Garage represents about 650 workers" in text


def test_it_refuses_to_propose_a_second_endorsement(chair_client, campaign, committee):
    chair_client.post(url(campaign), {"committee": committee.pk})
    adopt_in_meeting(Motion.objects.get())
    response = chair_client.post(url(campaign), {"committee": committee.pk})
    assert "already endorsed" in last_message(response)
    assert Endorsement.objects.count() == 1
    assert Motion.objects.count() == 1


def test_it_refuses_the_committee_that_started_the_campaign(client, campaign, coordinator):
    response = logged_in(client, coordinator).post(
        url(campaign), {"committee": campaign.committee_id}
    )
    assert "supports it already" in last_message(response)
    assert not Endorsement.objects.exists()


def test_it_refuses_a_member_without_a_role(member_client, campaign, committee):
    assert member_client.post(url(campaign), {"committee": committee.pk}).status_code == 403
    assert not Endorsement.objects.exists()


def test_it_hides_the_campaign_from_an_outsider(outsider_client, campaign, committee):
    assert outsider_client.post(url(campaign), {"committee": committee.pk}).status_code == 404


def test_it_refuses_get(chair_client, campaign):
    assert chair_client.get(url(campaign)).status_code == 405


def test_it_refuses_once_the_campaign_did_not_reach_its_conditions(
    chair_client, campaign, committee
):
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.NOT_REACHED)
    response = chair_client.post(url(campaign), {"committee": committee.pk})
    assert "not met by the deadline" in last_message(response)
    assert not Endorsement.objects.exists()
