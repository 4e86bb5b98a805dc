"""A member leaves a committee."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees.models import MembershipStatus
from tests.factories import active_count_in_database, last_message, page_text


def url(committee) -> str:
    return reverse("committees:leave", args=[committee.slug])


def test_it_lets_a_member_leave(member_client, committee, member):
    response = member_client.post(url(committee))
    assert (response.status_code, response["Location"]) == (302, reverse("committees:mine"))
    assert last_message(response) == "You have left."
    assert member.memberships.get(committee=committee).status == MembershipStatus.LEFT
    committee.refresh_from_db()
    assert committee.active_member_count == active_count_in_database(committee) == 1
    assert member_client.get(reverse("committees:detail", args=[committee.slug])).status_code == (
        404
    )


def test_it_keeps_the_only_chair_and_says_why(chair_client, committee, chair, member):
    response = chair_client.post(url(committee))
    assert response["Location"] == reverse("committees:detail", args=[committee.slug])
    assert (
        last_message(response)
        == "You are the only chair: make another member chair before you leave."
    )
    assert chair.memberships.get(committee=committee).status == MembershipStatus.ACTIVE


def test_it_ends_the_seat_of_a_delegate_who_leaves(client, committee, coordinating, delegate):
    client.force_login(delegate)
    client.post(url(committee))
    assert not delegate.seats.filter(ended_at__isnull=True).exists()
    assert delegate.memberships.get(committee=coordinating).status == MembershipStatus.LEFT
    coordinating.refresh_from_db()
    assert coordinating.active_member_count == active_count_in_database(coordinating) == 1


def test_it_asks_before_a_member_leaves(member_client, committee, member):
    response = member_client.get(url(committee))
    assert response.status_code == 200
    assert "coming back takes a new invitation" in page_text(response)
    assert member.memberships.get(committee=committee).status == MembershipStatus.ACTIVE
