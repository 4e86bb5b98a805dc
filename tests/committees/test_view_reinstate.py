"""Officers reinstate a suspended member."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees.models import MembershipStatus
from tests.factories import active_count_in_database, last_message, make_member


def url(committee, membership) -> str:
    return reverse("committees:reinstate", args=[committee.slug, membership.pk])


def test_it_reinstates_a_suspended_member(chair_client, committee):
    suspended = make_member(committee, status=MembershipStatus.SUSPENDED)
    response = chair_client.post(url(committee, suspended))
    assert response.status_code == 302
    assert last_message(response) == "Reinstated."
    suspended.refresh_from_db()
    assert suspended.status == MembershipStatus.ACTIVE
    committee.refresh_from_db()
    assert committee.active_member_count == active_count_in_database(committee) == 2


def test_it_explains_that_only_a_suspended_member_can_be_reinstated(
    chair_client, committee, member
):
    response = chair_client.post(url(committee, member.memberships.get(committee=committee)))
    assert last_message(response) == "Only a suspended member can be reinstated."
    committee.refresh_from_db()
    assert committee.active_member_count == 2
