"""A session ends after SESSION_IDLE_SECONDS without a request, and SESSION_COOKIE_AGE after
the login in any case; the row's expire_date says so, for every reader of the table."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rankfile.accounts.models import PersonSession
from rankfile.accounts.sessions import TOUCH_SECONDS, SessionStore
from tests.factories import PASSWORD, make_person

pytestmark = pytest.mark.django_db

HOURS = 3600


@pytest.fixture
def logged_in(client):
    make_person("ana")
    assert (
        client.post(reverse("accounts:login"), {"handle": "ana", "password": PASSWORD}).status_code
        == 302
    )
    return client


def _row(client) -> PersonSession:
    return PersonSession.objects.get(session_key=client.cookies["sessionid"].value)


def _rewind(client, **seconds: int) -> None:
    """Move the session's own clocks back, as if that much time had passed (written to the row
    directly: a save would set them to now)."""
    store = SessionStore(session_key=client.cookies["sessionid"].value)
    data = store.load()
    data["_rankfile_started"][1] -= seconds.get("started", 0)
    data["_rankfile_seen"] -= seconds.get("seen", 0)
    idle_end = timezone.now() + timedelta(seconds=12 * HOURS - seconds.get("seen", 0))
    PersonSession.objects.filter(session_key=store.session_key).update(
        session_data=store.encode(data), expire_date=idle_end
    )


def test_a_new_session_ends_after_the_idle_period_not_the_absolute_one(logged_in, settings):
    expires_in = (_row(logged_in).expire_date - timezone.now()).total_seconds()
    assert settings.SESSION_IDLE_SECONDS - 60 < expires_in <= settings.SESSION_IDLE_SECONDS


def test_a_request_after_a_few_minutes_moves_the_idle_end_on(logged_in, settings):
    _rewind(logged_in, seen=TOUCH_SECONDS + 60)
    before = _row(logged_in).expire_date
    assert logged_in.get(reverse("committees:mine")).status_code == 200
    after = _row(logged_in).expire_date
    assert after - before > timedelta(seconds=TOUCH_SECONDS)


def test_requests_in_quick_succession_do_not_rewrite_the_session(logged_in):
    before = _row(logged_in).expire_date
    logged_in.get(reverse("committees:mine"))
    assert _row(logged_in).expire_date == before


def test_an_idle_session_is_logged_out(logged_in, settings):
    PersonSession.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = logged_in.get(reverse("committees:mine"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_use_never_carries_a_session_past_its_absolute_age(logged_in, settings):
    _rewind(logged_in, started=settings.SESSION_COOKIE_AGE - 2 * HOURS, seen=TOUCH_SECONDS + 60)
    logged_in.get(reverse("committees:mine"))
    left = (_row(logged_in).expire_date - timezone.now()).total_seconds()
    assert 2 * HOURS - 120 < left <= 2 * HOURS


def test_the_absolute_age_runs_from_the_login_not_from_an_earlier_anonymous_visit(client, db):
    make_person("ana")
    client.get(reverse("accounts:login"))
    store = SessionStore()
    store["_rankfile_started"] = ["", int(time.time()) - 13 * 24 * HOURS]
    store.save()
    client.cookies["sessionid"] = store.session_key
    client.post(reverse("accounts:login"), {"handle": "ana", "password": PASSWORD})
    left = (_row(client).expire_date - timezone.now()).total_seconds()
    assert left > 11 * HOURS
