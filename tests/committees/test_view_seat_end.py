"""A delegate seat ends by its holder's resignation; officers cannot end someone else's."""

from __future__ import annotations

from django.urls import reverse

from rankfile.audit.models import AuditEvent
from rankfile.committees.models import DelegateSeat
from tests.committees.test_view_role_end import HOLDER_ONLY
from tests.factories import last_message, logged_in, make_committee, make_member, make_seat


def url(committee, seat) -> str:
    return reverse("committees:seat_end", args=[committee.slug, seat.pk])


def test_it_lets_the_delegate_resign(client, committee, delegate):
    seat = DelegateSeat.objects.get(person=delegate)
    delegate_client = logged_in(client, delegate)
    assert "You are about to resign" in delegate_client.get(url(committee, seat)).content.decode()
    response = delegate_client.post(url(committee, seat))
    assert last_message(response) == "You have resigned."
    seat.refresh_from_db()
    assert (seat.ended_at is not None, seat.end_reason) == (True, "resignation")
    assert AuditEvent.objects.filter(verb="seat.ended", actor=delegate).exists()


def test_it_refuses_an_officer_ending_a_delegates_seat(chair_client, committee, delegate):
    seat = DelegateSeat.objects.get(person=delegate)
    events = AuditEvent.objects.count()
    response = chair_client.post(url(committee, seat))
    assert last_message(response) == HOLDER_ONLY
    seat.refresh_from_db()
    assert seat.ended_at is None
    assert AuditEvent.objects.count() == events


def test_it_offers_no_end_seat_button_to_officers(chair_client, committee, delegate):
    page = chair_client.get(reverse("committees:detail", args=[committee.slug])).content.decode()
    assert "End seat" not in page
    assert url(committee, DelegateSeat.objects.get(person=delegate)) not in page


def test_it_does_not_find_a_seat_that_already_ended(client, committee, delegate):
    seat = DelegateSeat.objects.get(person=delegate)
    delegate_client = logged_in(client, delegate)
    delegate_client.post(url(committee, seat))
    assert delegate_client.post(url(committee, seat)).status_code == 404


def test_it_does_not_find_the_seat_of_another_committee(chair_client, committee, coordinating):
    other = make_committee(parent=coordinating)
    seat = make_seat(other, coordinating, make_member(other).person)
    assert chair_client.post(url(committee, seat)).status_code == 404
    seat.refresh_from_db()
    assert seat.ended_at is None
