"""Logging in, with a failed-login limit per handle that cannot lock the owner out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse

from rankfile.accounts.models import LoginThrottle, Person
from rankfile.accounts.ratelimit import DEVICE_COOKIE
from tests.factories import PASSWORD, make_person, page_text

URL = reverse("accounts:login")
WRONG = "not-the-password"


@pytest.fixture(autouse=True)
def backoff(settings):
    # Long enough that no test's own slowness lets a wait run out.
    settings.LOGIN_BACKOFF_SECONDS = 600


@pytest.fixture
def ana(db):
    return make_person("ana", language="es")


def log_in(client, handle: str, password: str, **extra: str):
    return client.post(URL, {"handle": handle, "password": password, **extra})


def log_out(client) -> None:
    client.post(reverse("accounts:logout"))


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


def test_it_makes_a_handle_wait_after_too_many_failures_even_with_the_right_password(
    client, ana, settings
):
    settings.LOGIN_RATE_LIMIT = 3
    for _ in range(3):
        assert "do not match" in page_text(log_in(client, "ana", WRONG))
    response = log_in(client, "Ana", PASSWORD)
    assert response.status_code == 400
    assert "Too many failed attempts for this handle. Try again in 10 minutes." in page_text(
        response
    )
    assert "_auth_user_id" not in client.session


def test_it_lets_the_owners_browser_in_whatever_others_guess(client, db, settings):
    settings.LOGIN_RATE_LIMIT = 3
    make_person("cal")
    assert log_in(client, "cal", PASSWORD).status_code == 302  # this browser is now known
    log_out(client)  # keeps the device cookie, as a browser does
    stranger = Client()
    for _ in range(8):
        log_in(stranger, "cal", WRONG)
    assert "Try again in" in page_text(log_in(stranger, "cal", PASSWORD))
    assert log_in(client, "cal", PASSWORD).status_code == 302


def test_a_known_browser_that_guesses_waits_too(client, db, settings):
    settings.LOGIN_RATE_LIMIT = 2
    make_person("cal")
    assert log_in(client, "cal", PASSWORD).status_code == 302
    log_out(client)  # keeps the device cookie, as a browser does
    for _ in range(2):
        log_in(client, "cal", WRONG)
    assert "Try again in" in page_text(log_in(client, "cal", PASSWORD))


def test_a_device_cookie_counts_only_for_its_own_handle_and_only_if_signed(client, ana, settings):
    settings.LOGIN_RATE_LIMIT = 2
    make_person("bea")
    assert log_in(client, "bea", PASSWORD).status_code == 302  # a device cookie for bea
    log_out(client)  # keeps the device cookie, as a browser does
    for _ in range(2):
        log_in(Client(), "ana", WRONG)
    assert "Try again in" in page_text(log_in(client, "ana", PASSWORD))
    forged = Client()
    forged.cookies[DEVICE_COOKIE] = client.cookies[DEVICE_COOKIE].value.replace(":", ":x", 1)
    assert "Try again in" in page_text(log_in(forged, "ana", PASSWORD))


def test_the_wait_doubles_with_each_failure_and_ends_with_the_window(client, ana, settings):
    settings.LOGIN_RATE_LIMIT = 1
    settings.LOGIN_BACKOFF_SECONDS = 180
    log_in(client, "ana", WRONG)
    assert "Try again in 3 minutes." in page_text(log_in(client, "ana", WRONG))
    _age_the_last_attempt(seconds=180)
    assert "do not match" in page_text(log_in(client, "ana", WRONG))
    assert "Try again in 6 minutes." in page_text(log_in(client, "ana", PASSWORD))
    _age_the_last_attempt(seconds=settings.LOGIN_RATE_WINDOW_SECONDS, window=True)
    assert log_in(client, "ana", PASSWORD).status_code == 302
    assert not LoginThrottle.objects.exists()


def _age_the_last_attempt(*, seconds: int, window: bool = False) -> None:
    earlier = {"last_attempt_at": F("last_attempt_at") - timedelta(seconds=seconds)}
    if window:
        earlier["window_started_at"] = F("window_started_at") - timedelta(seconds=seconds)
    LoginThrottle.objects.update(**earlier)


def test_no_count_is_kept_by_address_or_handle_in_clear(client, ana):
    log_in(client, "ana", WRONG)
    [row] = LoginThrottle.objects.all()
    assert "ana" not in row.key and "127.0.0.1" not in row.key


def test_a_password_like_the_handle_is_refused_at_sign_up(client, db, settings):
    settings.OPEN_SIGNUP = True
    response = client.post(
        reverse("accounts:signup"),
        {"handle": "marisol", "password": "marisol1", "password_again": "marisol1"},
    )
    assert response.status_code == 400
    assert "The password is too similar to the handle." in page_text(response)
    assert 'value="marisol"' in response.content.decode()
    assert not Person.objects.filter(handle="marisol").exists()


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
