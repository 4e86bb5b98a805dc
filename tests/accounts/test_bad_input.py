"""Malformed input to every account form (and the sign-up form of an invitation link): 400,
never a 500; what was typed comes back (never a password); nothing is written."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from rankfile.accounts.models import Person
from rankfile.audit.models import AuditEvent
from rankfile.committees.models import Membership
from tests.factories import (
    PASSWORD,
    count_rows,
    logged_in,
    make_committee,
    make_invitation,
    make_member,
)

HUGE = "x" * 100_000
JUNK = "\u202e\u200b\ufeff💥ｍｅｍｂｅｒ\u0301"
NUL = "ana\x00"
NEW = "a-brand-new-long-password"

SIGNUP = {"handle": "newcomer", "password": PASSWORD, "password_again": PASSWORD}
SIGNUP_BAD = {
    "handle": [None, "", "ab", HUGE, NUL, JUNK, "has space", "-5", ["newcomer", "x y"]],
    "password": [None, "", "short", "12345678", HUGE, PASSWORD + "\x00", [PASSWORD, ""]],
    "password_again": [None, "", "different-long-password", [PASSWORD, "x"]],
}
FORMS: dict[str, tuple[dict[str, Any], dict[str, list[Any]], str]] = {
    # name: (valid data, bad values per field, a field whose typed value must come back)
    "login": (
        {"handle": "member", "password": "wrong-password"},
        {
            "handle": [None, "", HUGE, NUL, JUNK, ["member", ""]],
            "password": [None, "", HUGE, "x\x00", ["a", ""]],
        },
        "handle",
    ),
    "signup": (SIGNUP, SIGNUP_BAD, "handle"),
    "join": (SIGNUP, SIGNUP_BAD, "handle"),
    "settings": (
        {"email": "", "real_name": "Kept Name", "phone": "", "language": ""},
        {
            "email": ["not-an-email", HUGE, "a@b.c\x00", JUNK, ["a@example.org", "bad"]],
            "real_name": [HUGE, NUL],
            "phone": [HUGE, "555\x00", "1" * 41],
            "language": [JUNK, "xx", NUL, ["es", "zz"]],
        },
        "real_name",
    ),
    "password": (
        {"old_password": PASSWORD, "new_password": NEW},
        {
            "old_password": [None, "", HUGE, "\x00", [PASSWORD, ""]],
            "new_password": [None, "", "-5", "12345678", HUGE, NEW + "\x00", [NEW, "a"]],
        },
        "",
    ),
    "notifications": (
        {"kinds": ["meeting_called"]},
        {"kinds": [JUNK, "everything", NUL, ["meeting_called", "spam"], HUGE]},
        "",
    ),
    "delete": (
        {"password": PASSWORD},
        {"password": [None, "", HUGE, PASSWORD + "\x00", JUNK, [PASSWORD, "wrong"]]},
        "",
    ),
}
CASES = [
    (name, field, value)
    for name, (_valid, bad, _kept) in FORMS.items()
    for field, values in bad.items()
    for value in values
]


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker) -> Iterator[SimpleNamespace]:
    """Built once for the module and rolled back at its end; each test runs in its own
    savepoint inside."""
    with django_db_blocker.unblock(), transaction.atomic():
        committee = make_committee(name="Heywood Bus Garage")
        member = make_member(committee, handle="member").person
        yield SimpleNamespace(committee=committee, member=member)
        transaction.set_rollback(True)


@pytest.fixture
def page(db, client, shared, settings):
    """Who posts where: a logged-in member, except for the forms of people without account."""
    settings.OPEN_SIGNUP = True

    def url_for(name: str) -> str:
        if name == "join":
            return reverse("committees:join", args=[make_invitation(shared.committee)])
        if name not in ("login", "signup"):
            logged_in(client, shared.member)
        return reverse(f"accounts:{name}")

    return url_for


def person_state() -> list[tuple[Any, ...]]:
    return [
        (p.handle, p.password, p.email, p.real_name, p.phone, p.language, p.notifications_off)
        for p in Person.objects.order_by("pk")
    ]


@pytest.mark.parametrize(("name", "field", "value"), CASES, ids=lambda item: repr(item)[:24])
def test_it_refuses_malformed_input_without_failing_or_writing(client, page, name, field, value):
    valid, _bad, kept = FORMS[name]
    data = {**valid, field: value}
    if value is None:
        del data[field]
    url = page(name)
    before = count_rows(Person, Membership, AuditEvent), person_state()
    response = client.post(url, data)
    assert response.status_code == 400
    if kept and field != kept:
        assert f'value="{valid[kept]}"' in response.content.decode()
    assert PASSWORD not in response.content.decode()
    assert (count_rows(Person, Membership, AuditEvent), person_state()) == before


@pytest.mark.parametrize("name", list(FORMS))
def test_it_refuses_a_form_posted_empty(client, page, name):
    url = page(name)
    before = count_rows(Person, Membership, AuditEvent), person_state()
    response = client.post(url, {})
    if name in ("settings", "notifications"):  # every field optional: empty is valid, and saved
        assert response.status_code == 302
    else:
        assert response.status_code == 400
        assert "This field is required." in response.content.decode()
        assert (count_rows(Person, Membership, AuditEvent), person_state()) == before
