"""Logging out."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import last_message


def test_it_logs_out_and_says_so(member_client):
    response = member_client.post(reverse("accounts:logout"))
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:login"))
    assert last_message(response) == "You are logged out."
    assert "_auth_user_id" not in member_client.session
    assert member_client.get(reverse("committees:mine")).status_code == 302
