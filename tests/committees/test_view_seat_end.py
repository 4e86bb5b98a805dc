"""Officers end a delegate seat of their committee."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees.models import DelegateSeat
from tests.factories import last_message, make_committee, make_member, make_seat


def url(committee, seat) -> str:
    return reverse("committees:seat_end", args=[committee.slug, seat.pk])


def test_it_ends_the_seat(chair_client, committee, delegate):
    seat = DelegateSeat.objects.get(person=delegate)
    response = chair_client.post(url(committee, seat))
    assert response.status_code == 302
    assert last_message(response) == "Seat ended."
    seat.refresh_from_db()
    assert (seat.ended_at is not None, seat.end_reason) == (True, "removed")


def test_it_does_not_find_a_seat_that_already_ended(chair_client, committee, delegate):
    seat = DelegateSeat.objects.get(person=delegate)
    chair_client.post(url(committee, seat))
    assert chair_client.post(url(committee, seat)).status_code == 404


def test_it_does_not_find_the_seat_of_another_committee(chair_client, committee, coordinating):
    other = make_committee(parent=coordinating)
    seat = make_seat(other, coordinating, make_member(other).person)
    assert chair_client.post(url(committee, seat)).status_code == 404
    seat.refresh_from_db()
    assert seat.ended_at is None
