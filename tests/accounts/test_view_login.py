"""Logging in, with a failed-login limit per handle."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, make_person, page_text

URL = reverse("accounts:login")
WRONG = "not-the-password"


@pytest.fixture
def ana(db):
    return make_person("ana", language="es")


def log_in(client, handle: str, password: str, **extra: str):
    return client.post(URL, {"handle": handle, "password": password, **extra})


def test_it_shows_the_form(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Log in" in page_text(response)


def test_it_logs_in_with_the_right_password_whatever_the_case_of_the_handle(client, ana):
    response = log_in(client, "ANA", PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/committees/")
    assert client.session["_auth_user_id"] == str(ana.pk)


def test_it_applies_the_person_language(client, ana):
    response = log_in(client, "ana", PASSWORD)
    assert response.cookies["django_language"].value == "es"


def test_it_goes_on_to_the_page_asked_for_on_this_site_only(client, ana):
    assert log_in(client, "ana", PASSWORD, next="/account/settings/")["Location"] == (
        "/account/settings/"
    )
    client.logout()
    assert log_in(client, "ana", PASSWORD, next="https://evil.example/")["Location"] == (
        "/committees/"
    )


def test_it_refuses_a_wrong_password_and_keeps_the_handle(client, ana):
    response = log_in(client, "ana", WRONG)
    assert response.status_code == 400
    assert "That handle and password do not match." in page_text(response)
    assert 'value="ana"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_blocks_a_handle_after_too_many_failures_even_with_the_right_password(
    client, ana, settings
):
    settings.LOGIN_RATE_LIMIT = 3
    for _ in range(3):
        assert "do not match" in page_text(log_in(client, "ana", WRONG))
    response = log_in(client, "Ana", PASSWORD)
    assert response.status_code == 400
    assert "Too many failed attempts for this handle." in page_text(response)
    assert "_auth_user_id" not in client.session


def test_it_leaves_other_handles_alone_when_one_is_blocked(client, ana, settings):
    settings.LOGIN_RATE_LIMIT = 2
    make_person("bea")
    for _ in range(2):
        log_in(client, "ana", WRONG)
    assert log_in(client, "bea", PASSWORD).status_code == 302


def test_it_forgets_the_failures_after_a_success(client, ana, settings):
    settings.LOGIN_RATE_LIMIT = 2
    log_in(client, "ana", WRONG)
    assert log_in(client, "ana", PASSWORD).status_code == 302
    client.logout()
    log_in(client, "ana", WRONG)
    assert log_in(client, "ana", PASSWORD).status_code == 302


def test_it_refuses_an_inactive_account(client, db):
    make_person("gone", is_active=False)
    assert log_in(client, "gone", PASSWORD).status_code == 400
