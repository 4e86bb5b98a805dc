"""Changing one's password."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from rankfile.accounts.models import PersonSession
from tests.factories import PASSWORD, last_message, logged_in, make_person, page_text

URL = reverse("accounts:password")
NEW = "a-brand-new-long-password"


def test_it_shows_the_form(member_client):
    assert member_client.get(URL).status_code == 200


def test_it_changes_the_password_and_keeps_the_person_logged_in(member_client, member):
    response = member_client.post(URL, {"old_password": PASSWORD, "new_password": NEW})
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:settings"))
    assert last_message(response) == (
        "Your password is changed. You are logged out everywhere else."
    )
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


def test_it_logs_the_person_out_everywhere_else(member_client, member):
    phone = logged_in(Client(), member)
    someone_else = logged_in(Client(), make_person("someone_else"))
    assert PersonSession.objects.filter(person=member).count() == 2
    member_client.post(URL, {"old_password": PASSWORD, "new_password": NEW})
    assert phone.get(reverse("committees:mine")).status_code == 302  # to the login page
    assert member_client.get(reverse("committees:mine")).status_code == 200
    assert PersonSession.objects.filter(person=member).count() == 1
    assert someone_else.get(reverse("committees:mine")).status_code == 200
