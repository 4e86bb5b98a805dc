"""pledge_make / pledge_withdraw and the trigger they evaluate."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from rankfile.audit.models import AuditEvent
from rankfile.committees.services import committee_update
from rankfile.core.errors import RuleViolation
from rankfile.strikes import services
from rankfile.strikes.holders import pledge_holder
from rankfile.strikes.models import Campaign, CampaignDay, CampaignStatus, Pledge, PledgeCount
from tests.factories import chair_of, make_committee, make_member
from tests.strikes.helpers import fresh, make_campaign, make_pledgers, pledge_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_workplaces(coordinating):
    """A (workforce 10) and B (workforce 4) under `coordinating`: at 50 %, A needs 5 pledges
    and B needs 2."""
    a = make_committee(name="A", parent=coordinating, workforce_estimate=10)
    b = make_committee(name="B", parent=coordinating, workforce_estimate=4)
    return a, b


def test_it_triggers_exactly_at_the_share_and_not_one_pledge_before(coordinating, two_workplaces):
    a, _b = two_workplaces
    campaign = make_campaign(coordinating, percent=50, workplaces=1)
    people = make_pledgers(a, 5)
    pledge_all(campaign, a, people[:4])
    assert fresh(campaign).status == CampaignStatus.COLLECTING  # 40 %
    pledge_all(campaign, a, people[4:])
    campaign = fresh(campaign)
    assert campaign.status == CampaignStatus.TRIGGERED  # 50 %
    assert campaign.triggered_at is not None


def test_it_triggers_exactly_at_the_nth_workplace_and_not_one_pledge_before(
    coordinating, two_workplaces
):
    a, b = two_workplaces
    campaign = make_campaign(coordinating, percent=50, workplaces=2)
    pledge_all(campaign, a, make_pledgers(a, 7))  # A is ready, and more
    in_b = make_pledgers(b, 2)
    pledge_all(campaign, b, in_b[:1])
    assert fresh(campaign).status == CampaignStatus.COLLECTING
    assert fresh(campaign).workplaces_ready == 1
    pledge_all(campaign, b, in_b[1:])
    assert fresh(campaign).status == CampaignStatus.TRIGGERED
    assert fresh(campaign).workplaces_ready == 2


def test_it_never_counts_a_workplace_without_a_workforce_estimate_as_ready(coordinating):
    unknown = make_committee(name="Unknown size", parent=coordinating, workforce_estimate=None)
    campaign = make_campaign(coordinating, percent=1, workplaces=1)
    pledge_all(campaign, unknown, make_pledgers(unknown, 3))
    assert fresh(campaign).status == CampaignStatus.COLLECTING
    assert PledgeCount.objects.get(campaign=campaign, committee=unknown).count == 3


def test_it_uses_the_current_workforce_estimate_at_the_next_pledge(coordinating, two_workplaces):
    a, _b = two_workplaces
    campaign = make_campaign(coordinating, percent=50, workplaces=1)
    people = make_pledgers(a, 4)
    pledge_all(campaign, a, people[:3])
    committee_update(
        committee=a,
        by=chair_of(a),
        name=a.name,
        sector=a.sector,
        region=a.region,
        workforce_estimate=8,
        description="",
    )
    pledge_all(campaign, a, people[3:])  # 4 of 8 = 50 %
    assert fresh(campaign).status == CampaignStatus.TRIGGERED


def test_it_triggers_at_the_tick_when_a_lower_estimate_alone_meets_the_conditions(
    coordinating, two_workplaces
):
    a, _b = two_workplaces
    campaign = make_campaign(coordinating, percent=50, workplaces=1)
    pledge_all(campaign, a, make_pledgers(a, 4))
    committee_update(
        committee=a,
        by=chair_of(a),
        name=a.name,
        sector=a.sector,
        region=a.region,
        workforce_estimate=8,
        description="",
    )
    assert fresh(campaign).status == CampaignStatus.COLLECTING
    services.campaign_evaluate(campaign=campaign)
    assert fresh(campaign).status == CampaignStatus.TRIGGERED
    assert CampaignDay.objects.get(campaign=campaign, committee=a).ready == 1


def test_it_refuses_a_second_pledge_from_the_same_person(campaign, committee, member):
    services.pledge_make(campaign=campaign, person=member, committee=committee)
    with pytest.raises(RuleViolation, match="already pledged"):
        services.pledge_make(campaign=campaign, person=member, committee=committee)
    assert Pledge.objects.filter(campaign=campaign).count() == 1
    assert PledgeCount.objects.get(campaign=campaign, committee=committee).count == 1


def test_it_lets_a_person_in_two_covered_committees_choose_where_the_pledge_counts(
    coordinating, committee, member
):
    other = make_committee(name="Depot", parent=coordinating, workforce_estimate=50)
    make_member(other, member)
    campaign = make_campaign(coordinating)
    services.pledge_make(campaign=campaign, person=member, committee=other)
    assert PledgeCount.objects.get(campaign=campaign, committee=other).count == 1
    assert not PledgeCount.objects.filter(campaign=campaign, committee=committee).exists()
    with pytest.raises(RuleViolation):
        services.pledge_make(campaign=campaign, person=member, committee=committee)


def test_it_refuses_a_pledge_for_a_committee_the_person_is_not_in(campaign, committee, outsider):
    with pytest.raises(RuleViolation, match="Only active members"):
        services.pledge_make(campaign=campaign, person=outsider, committee=committee)
    assert not Pledge.objects.exists()


def test_it_refuses_a_pledge_for_a_committee_the_campaign_does_not_cover(coordinating, member):
    elsewhere = make_committee(name="Elsewhere", workforce_estimate=10)
    make_member(elsewhere, member)
    campaign = make_campaign(coordinating)
    with pytest.raises(RuleViolation, match="not covered"):
        services.pledge_make(campaign=campaign, person=member, committee=elsewhere)


def test_it_refuses_a_pledge_counted_for_a_coordinating_committee(campaign, coordinating, delegate):
    with pytest.raises(RuleViolation, match="workplace"):
        services.pledge_make(campaign=campaign, person=delegate, committee=coordinating)


def test_it_withdraws_a_pledge_before_the_trigger(campaign, committee, member):
    services.pledge_make(campaign=campaign, person=member, committee=committee)
    services.pledge_withdraw(campaign=campaign, person=member)
    assert not Pledge.objects.filter(campaign=campaign).exists()
    assert PledgeCount.objects.get(campaign=campaign, committee=committee).count == 0
    assert CampaignDay.objects.get(campaign=campaign, committee=committee).pledged == 0


def test_it_refuses_to_withdraw_after_the_trigger_and_says_why(coordinating, two_workplaces):
    _a, b = two_workplaces
    campaign = make_campaign(coordinating, percent=50, workplaces=1)
    people = make_pledgers(b, 2)
    pledge_all(campaign, b, people)
    assert fresh(campaign).status == CampaignStatus.TRIGGERED
    with pytest.raises(RuleViolation, match="cannot be withdrawn after the trigger"):
        services.pledge_withdraw(campaign=campaign, person=people[0])
    assert Pledge.objects.filter(campaign=campaign).count() == 2


def test_it_refuses_to_withdraw_a_pledge_that_does_not_exist(campaign, member):
    with pytest.raises(RuleViolation, match="no pledge"):
        services.pledge_withdraw(campaign=campaign, person=member)


def test_it_lets_a_person_pledge_again_after_withdrawing(campaign, committee, member):
    services.pledge_make(campaign=campaign, person=member, committee=committee)
    services.pledge_withdraw(campaign=campaign, person=member)
    services.pledge_make(campaign=campaign, person=member, committee=committee)
    assert Pledge.objects.filter(campaign=campaign).count() == 1
    assert PledgeCount.objects.get(campaign=campaign, committee=committee).count == 1


def test_it_stores_as_holder_an_hmac_that_needs_the_server_key(campaign, committee, member):
    services.pledge_make(campaign=campaign, person=member, committee=committee)
    pledge = Pledge.objects.get(campaign=campaign)
    assert pledge.holder == pledge_holder(person_id=member.pk, campaign_id=campaign.pk)
    with override_settings(PLEDGE_KEY="a-key-stolen-along-with-nothing"):
        assert pledge.holder != pledge_holder(person_id=member.pk, campaign_id=campaign.pk)
    unkeyed = hashlib.sha256(f"pledge\x1f{member.pk}\x1f{campaign.pk}".encode()).hexdigest()
    assert pledge.holder != unkeyed


def test_it_writes_no_audit_event_for_a_pledge_or_a_withdrawal(campaign, committee, member):
    before = AuditEvent.objects.count()
    services.pledge_make(campaign=campaign, person=member, committee=committee)
    services.pledge_withdraw(campaign=campaign, person=member)
    assert AuditEvent.objects.count() == before


def test_it_records_the_trigger_as_a_system_event_with_counts_only(
    coordinating, two_workplaces, django_capture_on_commit_callbacks
):
    _a, b = two_workplaces
    campaign = make_campaign(coordinating, percent=50, workplaces=1)
    people = make_pledgers(b, 2)
    with django_capture_on_commit_callbacks(execute=True):
        pledge_all(campaign, b, people)
    event = AuditEvent.objects.get(verb="campaign.triggered", committee=coordinating)
    assert event.actor is None and event.is_by_system and event.subject is None
    assert event.data["workplaces_ready"] == 1
    assert AuditEvent.objects.filter(verb="campaign.triggered", committee=b).exists()


def test_it_emails_every_member_of_the_covered_committees_when_it_triggers(
    coordinating, two_workplaces, member, django_capture_on_commit_callbacks
):
    _a, b = two_workplaces
    member.email = "member@example.org"
    member.save()
    campaign = make_campaign(coordinating, percent=50, workplaces=1)
    people = make_pledgers(b, 2)
    with django_capture_on_commit_callbacks(execute=True):
        pledge_all(campaign, b, people)
    assert [message.to for message in mail.outbox] == [["member@example.org"]]
    assert campaign.title in mail.outbox[0].subject


def test_it_emails_nobody_who_turned_campaign_news_off(
    coordinating, two_workplaces, member, django_capture_on_commit_callbacks
):
    _a, b = two_workplaces
    member.email = "member@example.org"
    member.notifications_off = ["campaign_news"]
    member.save()
    campaign = make_campaign(coordinating, percent=50, workplaces=1)
    people = make_pledgers(b, 2)
    with django_capture_on_commit_callbacks(execute=True):
        pledge_all(campaign, b, people)
    assert fresh(campaign).status == CampaignStatus.TRIGGERED
    assert mail.outbox == []


def test_it_releases_every_pledge_at_the_deadline_and_tells_everyone(
    campaign, committee, member, django_capture_on_commit_callbacks
):
    member.email = "member@example.org"
    member.save()
    services.pledge_make(campaign=campaign, person=member, committee=committee)
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_evaluate(campaign=campaign, now=campaign.deadline_at)
    campaign = fresh(campaign)
    assert campaign.status == CampaignStatus.NOT_REACHED
    assert campaign.not_reached_at == campaign.deadline_at
    assert not Pledge.objects.filter(campaign=campaign).exists()
    assert PledgeCount.objects.get(campaign=campaign, committee=committee).count == 1
    assert len(mail.outbox) == 1 and "not" in mail.outbox[0].subject.lower()


def test_it_refuses_a_pledge_after_the_deadline_and_closes_the_campaign(
    campaign, committee, member
):
    Campaign.objects.filter(pk=campaign.pk).update(
        deadline_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(RuleViolation, match="not met by the deadline"):
        services.pledge_make(campaign=campaign, person=member, committee=committee)
    assert fresh(campaign).status == CampaignStatus.NOT_REACHED
    assert not Pledge.objects.exists()


def test_it_keeps_the_campaign_collecting_before_the_deadline_at_the_tick(campaign):
    services.campaign_evaluate(campaign=campaign, now=campaign.deadline_at - timedelta(seconds=1))
    assert fresh(campaign).status == CampaignStatus.COLLECTING


def test_it_refuses_pledges_in_a_campaign_called_without_conditions(called, committee, member):
    with pytest.raises(RuleViolation, match="without conditions"):
        services.pledge_make(campaign=called, person=member, committee=committee)


def test_it_ends_a_triggered_campaign_after_its_end_date_and_deletes_the_pledges(
    coordinating, two_workplaces
):
    _a, b = two_workplaces
    today = timezone.localdate()
    campaign = make_campaign(
        coordinating, percent=50, workplaces=1, starts_on=today + timedelta(days=10)
    )
    Campaign.objects.filter(pk=campaign.pk).update(ends_on=today + timedelta(days=11))
    pledge_all(campaign, b, make_pledgers(b, 2))
    services.campaign_evaluate(campaign=campaign, now=timezone.now() + timedelta(days=13))
    campaign = fresh(campaign)
    assert campaign.status == CampaignStatus.ENDED
    assert not Pledge.objects.filter(campaign=campaign).exists()
    assert PledgeCount.objects.get(campaign=campaign, committee=b).count == 2


def test_it_pledges_in_one_short_transaction(campaign, committee, django_assert_num_queries):
    first, second = make_pledgers(committee, 2)
    services.pledge_make(campaign=campaign, person=first, committee=committee)
    # Lock the campaign, look for the holder, check the committee, insert the pledge, read and
    # move the counter, move today's history row (and, in a test, the savepoint around it).
    with django_assert_num_queries(9):
        services.pledge_make(campaign=campaign, person=second, committee=committee)
    assert PledgeCount.objects.get(campaign=campaign, committee=committee).count == 2


def test_it_calls_an_action_without_conditions_at_once_and_tells_everyone(
    coordinating, committee, member, django_capture_on_commit_callbacks
):
    member.email = "member@example.org"
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        called = make_campaign(coordinating, percent=None)
    assert called.status == CampaignStatus.TRIGGERED and called.triggered_at is not None
    assert AuditEvent.objects.filter(verb="campaign.called", committee=committee).exists()
    assert [message.to for message in mail.outbox] == [["member@example.org"]]
    assert "called" in mail.outbox[0].subject
