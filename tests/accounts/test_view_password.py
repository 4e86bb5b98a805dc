"""Changing one's password."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import PASSWORD, last_message, page_text

URL = reverse("accounts:password")
NEW = "a-brand-new-long-password"


def test_it_shows_the_form(member_client):
    assert member_client.get(URL).status_code == 200


def test_it_changes_the_password_and_keeps_the_person_logged_in(member_client, member):
    response = member_client.post(URL, {"old_password": PASSWORD, "new_password": NEW})
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:settings"))
    assert last_message(response) == "Your password is changed."
    member.refresh_from_db()
    assert member.check_password(NEW)
    assert member_client.get(reverse("committees:mine")).status_code == 200


def test_it_refuses_a_wrong_current_password(member_client, member):
    response = member_client.post(URL, {"old_password": "wrong", "new_password": NEW})
    assert response.status_code == 400
    assert "Your current password is not right." in page_text(response)
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_it_refuses_a_weak_new_password(member_client, member):
    response = member_client.post(URL, {"old_password": PASSWORD, "new_password": "12345678"})
    assert response.status_code == 400
    assert "This password is entirely numeric." in page_text(response)
    member.refresh_from_db()
    assert member.check_password(PASSWORD)
