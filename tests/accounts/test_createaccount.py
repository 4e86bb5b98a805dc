"""`rankfile createaccount`: how the operator makes the first account."""

from __future__ import annotations

import io
import sys

import pytest
from django.core.management import CommandError, call_command

from rankfile.accounts.models import Person
from tests.factories import PASSWORD, make_person

pytestmark = pytest.mark.django_db


def create(*args: str, password: str = PASSWORD, monkeypatch) -> str:
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    call_command("createaccount", *args, "--password-stdin", stdout=out)
    return out.getvalue()


def test_it_creates_an_account_with_the_password_from_standard_input(monkeypatch):
    assert create("marisol", monkeypatch=monkeypatch) == "Created account marisol.\n"
    person = Person.objects.get(handle="marisol")
    assert person.check_password(PASSWORD)
    assert person.password.startswith("argon2$")
    assert not person.is_operator


def test_it_creates_an_operator(monkeypatch):
    create("operator", "--operator", monkeypatch=monkeypatch)
    assert Person.objects.get(handle="operator").is_operator


def test_it_refuses_a_taken_handle_with_a_clear_message(monkeypatch):
    make_person("Marisol")
    with pytest.raises(
        CommandError,
        match=r"^That handle is taken, or looks too much like one that is\. Choose another\.$",
    ):
        create("marisol", monkeypatch=monkeypatch)
    assert Person.objects.count() == 1


def test_it_refuses_a_weak_password_and_says_why(monkeypatch):
    with pytest.raises(CommandError, match="This password is too common"):
        create("marisol", password="password", monkeypatch=monkeypatch)
    assert not Person.objects.exists()


def test_it_refuses_a_malformed_handle(monkeypatch):
    with pytest.raises(CommandError, match="3 to 32 characters"):
        create("no spaces please", monkeypatch=monkeypatch)
    assert not Person.objects.exists()


def test_it_asks_the_password_twice_when_typed(monkeypatch):
    answers = iter([PASSWORD, "something-else"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError, match="The passwords differ"):
        call_command("createaccount", "marisol", stdout=io.StringIO())
    assert not Person.objects.exists()
