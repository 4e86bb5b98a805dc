"""Guesses at once, each on its own connection, get no more password checks than the limit
allows (PostgreSQL only: SQLite serialises every writer anyway)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from tests.concurrency import run_together
from tests.factories import make_person

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs separate connections to PostgreSQL"
    ),
]


@override_settings(LOGIN_RATE_LIMIT=5)
def test_a_burst_of_guesses_gets_exactly_the_limit_of_password_checks():
    make_person("ana")
    answers: list[str] = []

    def guess() -> None:
        response = Client().post(
            reverse("accounts:login"), {"handle": "ana", "password": "wrong-guess"}
        )
        answers.append(response.content.decode())

    assert run_together([guess] * 16) == [None] * 16
    checked = [text for text in answers if "do not match" in text]
    waited = [text for text in answers if "Try again in" in text]
    assert (len(checked), len(waited)) == (5, 11)
