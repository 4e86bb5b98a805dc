"""Strict security headers on every page, and no page that makes a browser contact another host
(a request to another host would tell a third party who is organising)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from rankfile.committees.models import MembershipStatus
from tests.factories import logged_in, make_invitation, make_member

URL_ATTRIBUTE = re.compile(
    r"""\b(?:src|href|action|srcset|poster|data)\s*=\s*["']([^"']*)["']""", re.I
)
ABSOLUTE_URL = re.compile(r"""(?:https?:)?//[^\s"'<>)]+""", re.I)


def csp_directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def test_it_sends_a_strict_content_security_policy(client, db):
    response = client.get(reverse("accounts:login"))
    directives = csp_directives(response)
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["form-action"] == "'self'"


def test_it_sends_the_other_protective_headers(client, db):
    response = client.get(reverse("accounts:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Never sent to another host; sent to this one, where Django's CSRF check over HTTPS needs it.
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_it_sends_the_policy_on_errors_and_redirects_too(client, db):
    assert "default-src 'self'" in client.get("/c/no-such-committee/")["Content-Security-Policy"]
    assert "default-src 'self'" in client.get("/")["Content-Security-Policy"]


@pytest.fixture
def main_pages(client, committee, coordinating, chair, member):
    """The pages a chair and a newcomer see, rendered."""
    make_member(committee, status=MembershipStatus.APPLIED)
    token = make_invitation(committee)
    pages = {"login": client.get(reverse("accounts:login"))}
    pages["join"] = client.get(reverse("committees:join", args=[token]))
    logged_in(client, chair)
    slug = committee.slug
    for name in ("mine", "found"):
        pages[name] = client.get(reverse(f"committees:{name}"))
    for name in ("detail", "audit", "federation", "edit", "bylaws", "affiliation_request"):
        pages[name] = client.get(reverse(f"committees:{name}", args=[slug]))
    pages["invitations"] = client.post(
        reverse("committees:invitations", args=[slug]), {"valid_days": "7", "max_uses": "1"}
    )
    pages["coordinating"] = client.get(reverse("committees:federation", args=[coordinating.slug]))
    for name in ("settings", "password", "delete"):
        pages[name] = client.get(reverse(f"accounts:{name}"))
    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    return pages


def test_it_links_no_page_to_another_host(main_pages):
    for name, page in main_pages.items():
        html = page.content.decode()
        for url in URL_ATTRIBUTE.findall(html):
            assert not ABSOLUTE_URL.match(url), (name, url)
        foreign = [
            url
            for url in ABSOLUTE_URL.findall(html)
            if not url.startswith("http://testserver/join/")
        ]
        assert foreign == [], name


def test_it_shows_the_invitation_link_on_this_server(main_pages):
    assert "http://testserver/join/" in main_pages["invitations"].content.decode()


def test_it_loads_every_script_and_style_from_this_server(main_pages):
    html = main_pages["detail"].content.decode()
    assets = re.findall(r"""<(?:script|link)\b[^>]*(?:src|href)="([^"]+)\"""", html)
    assert assets
    assert all(asset.startswith("/static/") for asset in assets)
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_it_ships_styles_that_load_nothing_from_elsewhere():
    stylesheet = Path(finders.find("css/rankfile.css")).read_text()
    assert "@import" not in stylesheet
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", stylesheet)
