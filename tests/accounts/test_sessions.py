"""Sessions keep their person in a column of their own (rankfile.accounts.sessions)."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from rankfile.accounts.models import PersonSession
from rankfile.accounts.services import account_erase
from rankfile.accounts.sessions import SessionStore, sessions_end
from tests.factories import logged_in


def test_a_login_stores_the_person_beside_the_session(member):
    client = logged_in(Client(), member)
    stored = PersonSession.objects.get(person=member)
    assert stored.session_key == client.session.session_key
    assert SessionStore(session_key=stored.session_key).load()[SESSION_KEY] == str(member.pk)


def test_an_anonymous_session_has_no_person(db):
    store = SessionStore()
    store["language"] = "es"
    store.save()
    assert PersonSession.objects.get(session_key=store.session_key).person_id is None


def test_ending_a_persons_sessions_keeps_the_one_asked_for_and_other_peoples(member, chair):
    kept, ended = logged_in(Client(), member), logged_in(Client(), member)
    other = logged_in(Client(), chair)
    assert sessions_end(person_id=member.pk, keep=kept.session.session_key) == 1
    assert kept.get(reverse("committees:mine")).status_code == 200
    assert ended.get(reverse("committees:mine")).status_code == 302
    assert other.get(reverse("committees:mine")).status_code == 200


def test_deleting_an_account_deletes_its_sessions(member, chair):
    logged_in(Client(), member)
    logged_in(Client(), chair)
    account_erase(person=member)
    assert not PersonSession.objects.filter(person_id=member.pk).exists()
    assert PersonSession.objects.filter(person=chair).count() == 1
