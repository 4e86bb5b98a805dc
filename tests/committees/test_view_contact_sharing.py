"""A member chooses whether the committee's secretaries see their contact details."""

from __future__ import annotations

from django.urls import reverse

from rankfile.audit.models import AuditEvent
from tests.factories import last_message


def url(committee) -> str:
    return reverse("committees:contact_sharing", args=[committee.slug])


def test_it_turns_sharing_on_and_off(member_client, committee, member):
    membership = member.memberships.get(committee=committee)
    response = member_client.post(url(committee), {"shares_contact": "on"})
    assert response.status_code == 302
    assert last_message(response) == "Saved."
    membership.refresh_from_db()
    assert membership.shares_contact is True
    member_client.post(url(committee), {})
    membership.refresh_from_db()
    assert membership.shares_contact is False


def test_it_keeps_the_choice_out_of_the_committee_log(member_client, committee):
    events_before = AuditEvent.objects.count()
    member_client.post(url(committee), {"shares_contact": "on"})
    assert AuditEvent.objects.count() == events_before
