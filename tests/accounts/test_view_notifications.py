"""Choosing which notifications to get by email."""

from __future__ import annotations

from django.urls import reverse

from rankfile.core.notify import NotificationKind
from tests.factories import last_message

URL = reverse("accounts:notifications")


def test_it_offers_every_kind_turned_on_by_default(member_client):
    response = member_client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    for kind in NotificationKind.values:
        assert f'value="{kind}"' in content
    assert content.count("checked") == len(NotificationKind.values)


def test_it_stores_the_kinds_turned_off(member_client, member):
    response = member_client.post(URL, {"kinds": ["meeting_called", "poll_opened"]})
    assert (response.status_code, response["Location"]) == (302, URL)
    assert last_message(response) == "Saved."
    member.refresh_from_db()
    assert member.notifications_off == sorted(
        set(NotificationKind.values) - {"meeting_called", "poll_opened"}
    )
    assert member_client.get(URL).content.decode().count("checked") == 2


def test_it_refuses_an_unknown_kind_and_changes_nothing(member_client, member):
    response = member_client.post(URL, {"kinds": ["meeting_called", "spam"]})
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.notifications_off == []
