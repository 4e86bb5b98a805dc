"""Open sign-up: off by default (people join by invitation), on when the operator says so."""

from __future__ import annotations

from django.urls import reverse

from rankfile.accounts.models import Person
from tests.factories import PASSWORD, make_person, page_text

URL = reverse("accounts:signup")
ANA = {"handle": "ana", "password": PASSWORD, "password_again": PASSWORD}


def test_it_does_not_exist_by_default(client, db):
    assert client.get(URL).status_code == 404
    assert client.post(URL, ANA).status_code == 404
    assert not Person.objects.exists()


def test_it_creates_an_account_and_logs_in_when_open(client, db, settings):
    settings.OPEN_SIGNUP = True
    assert client.get(URL).status_code == 200
    response = client.post(URL, ANA)
    assert (response.status_code, response["Location"]) == (302, reverse("committees:mine"))
    assert client.session["_auth_user_id"] == str(Person.objects.get(handle="ana").pk)


def test_it_offers_the_sign_up_link_on_the_login_page_only_when_open(client, db, settings):
    assert URL.encode() not in client.get(reverse("accounts:login")).content
    settings.OPEN_SIGNUP = True
    assert URL.encode() in client.get(reverse("accounts:login")).content


def test_it_refuses_a_taken_handle(client, db, settings):
    settings.OPEN_SIGNUP = True
    make_person("Ana")
    response = client.post(URL, ANA)
    assert response.status_code == 400
    assert "That handle is taken, or looks too much like one that is. Choose another." in page_text(
        response
    )
    assert Person.objects.count() == 1


def test_it_refuses_two_different_passwords(client, db, settings):
    settings.OPEN_SIGNUP = True
    response = client.post(URL, {**ANA, "password_again": "something-else-entirely"})
    assert response.status_code == 400
    assert "The two passwords differ." in page_text(response)
    assert not Person.objects.exists()
