"""Endorsing a campaign: an officer's recorded decision for their committee."""

from __future__ import annotations

from django.urls import reverse

from rankfile.audit.models import AuditEvent
from rankfile.strikes.models import Campaign, CampaignStatus, Endorsement
from tests.factories import last_message, logged_in, page_text


def url(campaign) -> str:
    return reverse("strikes:endorse", args=[campaign.pk])


def test_it_records_the_endorsement_and_who_decided_in_the_committee_log(
    chair_client, campaign, committee, chair, coordinating
):
    response = chair_client.post(url(campaign), {"committee": committee.pk})
    assert response.status_code == 302
    assert "endorses the campaign" in last_message(response)
    assert Endorsement.objects.get().committee == committee
    assert AuditEvent.objects.get(verb="campaign.endorsed").actor == chair
    received = AuditEvent.objects.get(verb="campaign.endorsement_received")
    assert received.committee == coordinating and received.actor is None


def test_it_lists_the_endorsing_committee_with_the_workers_it_represents(
    chair_client, campaign, committee
):
    chair_client.post(url(campaign), {"committee": committee.pk})
    text = page_text(chair_client.get(reverse("strikes:detail", args=[campaign.pk])))
    assert "Heywood Bus Garage represents about 650 workers" in text


def test_it_refuses_a_second_endorsement(chair_client, campaign, committee):
    chair_client.post(url(campaign), {"committee": committee.pk})
    response = chair_client.post(url(campaign), {"committee": committee.pk})
    assert "already endorsed" in last_message(response)
    assert Endorsement.objects.count() == 1


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
