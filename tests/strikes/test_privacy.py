"""Nobody learns who pledged: not from a page, an export, the audit log or an erasure."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from rankfile.accounts.services import account_erase, account_export
from rankfile.audit.models import AuditEvent
from rankfile.strikes.models import Pledge, PledgeCount
from rankfile.strikes.services import pledge_make
from tests.factories import logged_in, make_member, page_text
from tests.strikes.helpers import fresh, make_campaign, make_pledgers, pledge_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledger(committee):
    return make_member(committee, handle="rosa_depot").person


def test_it_leaves_no_audit_event_naming_a_pledger_even_when_the_pledge_triggers(
    coordinating, committee, pledger
):
    campaign = make_campaign(coordinating, percent=1, workplaces=1)
    others = make_pledgers(committee, 6)
    pledge_all(campaign, committee, [*others, pledger])
    assert fresh(campaign).status == "triggered"
    pledgers = {p.pk for p in [*others, pledger]}
    events = AuditEvent.objects.filter(verb__startswith="campaign.")
    assert events.exists()
    assert not events.filter(actor_id__in=pledgers).exists()
    assert not events.filter(subject_id__in=pledgers).exists()


def test_it_shows_no_pledger_in_the_committee_log(client, campaign, committee, chair, pledger):
    pledge_make(campaign=campaign, person=pledger, committee=committee)
    log = page_text(
        logged_in(client, chair).get(reverse("committees:audit", args=[committee.slug]))
    )
    after_joining = log.split("rosa_depot was admitted")[0]
    assert "rosa_depot" not in after_joining and "pledge" not in log.lower()


def test_it_keeps_pledges_out_of_the_account_export(client, campaign, committee, pledger):
    pledge_make(campaign=campaign, person=pledger, committee=committee)
    exported = json.dumps(account_export(person=pledger))
    assert "pledge" not in exported.lower()
    assert Pledge.objects.get().holder not in exported
    assert campaign.title not in exported
    response = logged_in(client, pledger).get(reverse("accounts:export"))
    assert response.status_code == 200
    assert Pledge.objects.get().holder not in response.content.decode()


def test_it_keeps_an_erased_accounts_pledge_counted_because_nothing_links_it_to_them(
    campaign, committee, pledger
):
    pledge_make(campaign=campaign, person=pledger, committee=committee)
    account_erase(person=pledger)
    assert Pledge.objects.filter(campaign=campaign).count() == 1
    assert PledgeCount.objects.get(campaign=campaign, committee=committee).count == 1
