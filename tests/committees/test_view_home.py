"""The home page sends people where they can act."""

from __future__ import annotations

from django.urls import reverse


def test_it_sends_an_anonymous_visitor_to_log_in(client):
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:login"))


def test_it_sends_a_logged_in_person_to_their_committees(member_client):
    response = member_client.get("/")
    assert (response.status_code, response["Location"]) == (302, reverse("committees:mine"))
