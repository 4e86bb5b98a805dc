"""Officers send a member to sit on a coordinating committee."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from rankfile.committees.models import DelegateSeat
from tests.factories import last_message, make_committee, make_member


def url(committee) -> str:
    return reverse("committees:seat_assign", args=[committee.slug])


def test_it_gives_the_seat_with_its_term(chair_client, committee, coordinating, member):
    ends_on = timezone.localdate() + timedelta(days=90)
    response = chair_client.post(
        url(committee),
        {"handle": "member", "parent": coordinating.pk, "term_ends_on": ends_on.isoformat()},
    )
    assert response.status_code == 302
    assert last_message(response) == "Delegate seat given."
    seat = DelegateSeat.objects.get(person=member)
    assert seat.parent == coordinating
    assert timezone.localdate(seat.term_ends_at) == ends_on


def test_it_explains_that_the_delegation_is_full(chair_client, committee, coordinating, delegate):
    make_member(committee, handle="second")
    make_member(committee, handle="third")
    chair_client.post(url(committee), {"handle": "second", "parent": coordinating.pk})
    response = chair_client.post(url(committee), {"handle": "third", "parent": coordinating.pk})
    assert (
        last_message(response)
        == "Heywood Bus Garage already fills its 2 seats on Twin Cities Transit Workers."
    )
    assert DelegateSeat.objects.count() == 2


def test_it_refuses_a_committee_not_above_this_one(chair_client, committee, member):
    elsewhere = make_committee("coordinating")
    response = chair_client.post(url(committee), {"handle": "member", "parent": elsewhere.pk})
    assert last_message(response) == "Choose a member and a committee to sit on."
    assert not DelegateSeat.objects.exists()


def test_it_refuses_someone_not_in_the_committee(chair_client, committee, coordinating, outsider):
    response = chair_client.post(url(committee), {"handle": "outsider", "parent": coordinating.pk})
    assert (
        last_message(response)
        == "A delegate must be an active member of the committee they represent."
    )
    response = chair_client.post(url(committee), {"handle": "nobody", "parent": coordinating.pk})
    assert last_message(response) == "No active member has that handle."
    assert not DelegateSeat.objects.exists()
