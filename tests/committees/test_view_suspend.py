"""Officers suspend a member."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees.models import MembershipStatus
from tests.factories import active_count_in_database, last_message, page_text


def url(committee, membership) -> str:
    return reverse("committees:suspend", args=[committee.slug, membership.pk])


def test_it_suspends_the_member(chair_client, committee, member):
    membership = member.memberships.get(committee=committee)
    response = chair_client.post(url(committee, membership))
    assert response.status_code == 302
    assert last_message(response) == "Suspended."
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.SUSPENDED
    committee.refresh_from_db()
    assert committee.active_member_count == active_count_in_database(committee) == 1


def test_it_explains_that_a_suspended_member_cannot_be_suspended_again(
    chair_client, committee, member
):
    membership = member.memberships.get(committee=committee)
    chair_client.post(url(committee, membership))
    response = chair_client.post(url(committee, membership))
    assert last_message(response) == "Only an active member can be suspended."
    committee.refresh_from_db()
    assert committee.active_member_count == 1


def test_it_does_not_let_an_officer_suspend_themselves(chair_client, committee, chair):
    response = chair_client.post(url(committee, chair.memberships.get(committee=committee)))
    assert last_message(response) == "You cannot suspend yourself."
    assert chair.memberships.get(committee=committee).status == MembershipStatus.ACTIVE


def test_it_asks_before_suspending(chair_client, committee, member):
    membership = member.memberships.get(committee=committee)
    response = chair_client.get(url(committee, membership))
    assert response.status_code == 200
    assert f"Suspend {member.handle}?" in page_text(response)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
