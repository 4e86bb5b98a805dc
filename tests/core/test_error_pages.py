"""Error pages of rankfile's own: translated, made for a phone, and for a refused form the way
back without losing what was typed. Production settings pass `check --deploy` with no issue."""

from __future__ import annotations

import secrets
import subprocess
import sys

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import bad_request, permission_denied, server_error

from tests.factories import page_text
from tests.test_settings import GOOD_PRODUCTION, production_env

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_rankfiles_own_in_the_readers_language(client):
    response = client.get("/no/such/page/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    text = page_text(response)
    assert "No encontrado" in text
    assert 'name="viewport"' in response.content.decode()
    assert "urlpatterns" not in response.content.decode().lower()  # no debug listing


@pytest.mark.parametrize(
    ("view", "status", "english"),
    [
        (bad_request, 400, "The request could not be read"),
        (permission_denied, 403, "Not allowed"),
    ],
)
def test_the_other_error_pages_say_what_happened(view, status, english):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with translation.override("en"):
        response = view(request, Exception("detail nobody should read"))
    assert response.status_code == status
    body = response.content.decode()
    assert english in body
    assert "detail nobody should read" not in body


def test_the_server_error_page_needs_nothing_but_itself():
    with translation.override("es"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Algo salió mal" in body
    assert 'name="viewport"' in body


def test_a_refused_form_explains_and_keeps_what_was_typed():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/account/login/", {"handle": "ana", "password": "x"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403
    text = page_text(response)
    assert "The form could not be sent" in text
    assert "Nothing you typed is lost" in text


def test_production_settings_pass_the_deployment_check():
    result = subprocess.run(
        [sys.executable, "-m", "rankfile.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(
            **{**GOOD_PRODUCTION, "SECRET_KEY": secrets.token_urlsafe(50)},
            ALLOWED_HOSTS="rankfile.example.org",
        ),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
