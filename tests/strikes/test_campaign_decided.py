"""Starting or endorsing a campaign is a decision of the committee (of its delegates, in a
coordinating committee): the officer's form proposes a motion, and only its adoption starts or
endorses anything."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rankfile.audit.models import AuditEvent
from rankfile.motions.models import Motion, MotionKind, MotionStatus
from rankfile.strikes.models import Campaign, CampaignStatus, Endorsement
from rankfile.votes.models import Elector
from tests.factories import last_message, logged_in, make_member, make_seat
from tests.motions.helpers import adopt_in_meeting
from tests.strikes.test_view_start import form


@pytest.fixture
def delegates(coordinating, committee, delegate):
    """Two delegates of the garage on the coordinating committee: its electorate."""
    return [delegate, make_seat(committee, coordinating, make_member(committee).person).person]


def test_the_start_form_proposes_a_motion_and_starts_nothing(client, coordinating, coordinator):
    response = logged_in(client, coordinator).post(
        reverse("strikes:start", args=[coordinating.slug]), form()
    )
    motion = Motion.objects.get(kind=MotionKind.CAMPAIGN_START)
    assert response["Location"] == reverse("motions:detail", args=[motion.pk])
    assert last_message(response) == "Your proposal is a motion now: the members decide."
    assert not Campaign.objects.exists()
    assert not AuditEvent.objects.filter(verb="campaign.started").exists()
    assert motion.status == MotionStatus.SUBMITTED
    assert motion.effect["threshold_percent"] == 60
    assert "Agents out of the city" in motion.text
    assert "at least 60% of the workforce of at least 3 workplaces" in motion.text


def test_the_delegates_adopting_the_motion_start_the_campaign(
    client, coordinating, coordinator, delegates
):
    logged_in(client, coordinator).post(reverse("strikes:start", args=[coordinating.slug]), form())
    motion = adopt_in_meeting(Motion.objects.get(), electors=delegates)
    assert motion.status == MotionStatus.ADOPTED
    poll = motion.polls.get()
    electors = Elector.objects.filter(poll=poll).values_list("person_id", flat=True)
    assert set(electors) == {person.pk for person in delegates}
    campaign = Campaign.objects.get()
    assert (campaign.committee, campaign.status) == (coordinating, CampaignStatus.COLLECTING)
    assert (campaign.threshold_percent, campaign.threshold_workplaces) == (60, 3)
    assert timezone.localtime(campaign.deadline_at).date() == timezone.localdate() + timedelta(8)
    assert campaign.started_by == coordinator


def test_a_deadline_passed_before_adoption_starts_nothing_and_says_why(
    client, coordinating, coordinator, delegates
):
    logged_in(client, coordinator).post(reverse("strikes:start", args=[coordinating.slug]), form())
    motion = Motion.objects.get()
    effect = {**motion.effect, "deadline_at": (timezone.now() - timedelta(hours=1)).isoformat()}
    Motion.objects.filter(pk=motion.pk).update(effect=effect)
    motion = adopt_in_meeting(Motion.objects.get(), electors=delegates)
    assert motion.status == MotionStatus.ADOPTED
    assert not Campaign.objects.exists()
    refused = AuditEvent.objects.get(verb="motion.not_applied")
    assert refused.data["reason"] == "The deadline must be in the future."


def test_the_endorse_button_proposes_a_motion_and_endorses_nothing(
    chair_client, campaign, committee
):
    response = chair_client.post(
        reverse("strikes:endorse", args=[campaign.pk]), {"committee": committee.pk}
    )
    motion = Motion.objects.get(kind=MotionKind.ENDORSE)
    assert response["Location"] == reverse("motions:detail", args=[motion.pk])
    assert motion.committee == committee
    assert motion.effect == {"endorses": "campaign", "campaign_id": campaign.pk}
    assert not Endorsement.objects.exists()
    assert not AuditEvent.objects.filter(verb="campaign.endorsed").exists()


def test_the_members_adopting_the_motion_endorse_the_campaign(
    chair_client, campaign, committee, coordinating
):
    chair_client.post(reverse("strikes:endorse", args=[campaign.pk]), {"committee": committee.pk})
    motion = adopt_in_meeting(Motion.objects.get())
    assert motion.status == MotionStatus.ADOPTED
    assert Endorsement.objects.get().committee == committee
    received = AuditEvent.objects.get(verb="campaign.endorsement_received")
    assert received.committee == coordinating


def test_it_refuses_to_propose_what_cannot_be_endorsed(client, campaign, coordinator):
    response = logged_in(client, coordinator).post(
        reverse("strikes:endorse", args=[campaign.pk]), {"committee": campaign.committee_id}
    )
    assert last_message(response) == "The committee that started the campaign supports it already."
    assert not Motion.objects.exists()
