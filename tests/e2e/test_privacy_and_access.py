"""No request leaves the server; the core flows work without JavaScript; every field has a label;
a 360 px phone never scrolls sideways."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    PHONE_WIDTH,
    RequestLog,
    SmallFederation,
    Visitor,
    VisitorFactory,
)
from tests.e2e.places import ALLIANCE_NAME, GARAGE_NAME, page_of

pytestmark = pytest.mark.e2e

UNLABELLED_FIELDS = """() => [...document.querySelectorAll('input, select, textarea')]
    .filter(field => field.type !== 'hidden' && field.labels.length === 0)
    .map(field => field.name || field.id || field.outerHTML)"""
PAGE_WIDTH = "() => document.documentElement.scrollWidth"


def chair_pages() -> list[str]:
    """The pages a committee chair (marisol, in the demo) works with."""
    garage = page_of(GARAGE_NAME)
    return [
        "/committees/",
        "/committees/found/",
        garage,
        f"{garage}audit/",
        f"{garage}invitations/",
        f"{garage}bylaws/",
        f"{garage}edit/",
        f"{garage}affiliations/request/",
        page_of(ALLIANCE_NAME, "federation/"),
        "/account/settings/",
        "/account/password/",
        "/account/delete/",
    ]


def test_logging_in_and_joining_work_without_javascript(
    visit: VisitorFactory, small_federation: SmallFederation
) -> None:
    garage = small_federation.garage.name
    member = visit(java_script_enabled=False)
    member.log_in("stranger")
    assert member.page.evaluate("typeof window.htmx") == "undefined"  # no page script ran
    member.go(f"/join/{small_federation.invitation_token}/")
    member.page.get_by_role("button", name="Ask to join").click()
    expect(member.page.locator(".card").filter(has_text=garage)).to_contain_text(
        "Applied: 0 vouches so far."
    )

    worker = visit(java_script_enabled=False)
    worker.go(f"/join/{small_federation.invitation_token}/")
    form = worker.page.locator("main form")
    form.get_by_label("Handle").fill("porter_on_nights")
    form.get_by_label(re.compile(r"^Password:?$")).fill("mop-bucket-and-a-union")
    form.get_by_label("Password again").fill("mop-bucket-and-a-union")
    form.get_by_role("button", name="Create my account and join").click()
    expect(worker.page.get_by_role("status")).to_contain_text(
        f"Welcome, porter_on_nights. You have applied to join {garage}."
    )


def assert_fields_labelled_and_page_fits(visitor: Visitor, path: str) -> None:
    if path:
        visitor.go(path)
    where = f"{visitor.page.url} ({visitor.page.locator('html').get_attribute('lang')})"
    assert visitor.page.evaluate(UNLABELLED_FIELDS) == [], f"fields without a label on {where}"
    assert visitor.page.evaluate(PAGE_WIDTH) <= PHONE_WIDTH, f"{where} scrolls sideways"


def test_the_main_pages_label_every_field_fit_a_phone_and_ask_no_other_host(
    visit: VisitorFactory, invitation_token: str, requests_made: RequestLog
) -> None:
    for language in ("en", "es"):
        stranger = visit(width=PHONE_WIDTH, language=language)
        for path in ("/account/login/", f"/join/{invitation_token}/"):
            assert_fields_labelled_and_page_fits(stranger, path)
        form = stranger.page.locator("main form")
        form.locator("input[name=handle]").fill("a_rather_long_handle_for_a_phone")
        form.locator("input[name=password]").fill("one-password-here")
        form.locator("input[name=password_again]").fill("another-one-there")
        form.locator("button[type=submit]").click()
        expect(form.locator(".field-errors")).to_have_count(1)
        assert_fields_labelled_and_page_fits(stranger, "")

        chair = visit(width=PHONE_WIDTH, language=language)
        chair.log_in("marisol")
        for path in chair_pages():
            assert_fields_labelled_and_page_fits(chair, path)
        chair.go(page_of(GARAGE_NAME, "invitations/"))
        chair.page.locator("main form.stack button[type=submit]").click()  # shows the new link
        expect(chair.page.locator("input.copy")).to_have_value(re.compile(r"/join/"))
        assert_fields_labelled_and_page_fits(chair, "")

    assert requests_made.foreign() == []
    assert any(url.endswith("/static/css/rankfile.css") for url in requests_made.urls)
    htmx = re.compile(r"/static/vendor/htmx-[\d.]+\.min\.js$")
    assert any(htmx.search(url) for url in requests_made.urls)
