"""The way people arrive: an invitation link, a request to join, admission by the chair."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from rankfile.committees.models import Committee
from rankfile.committees.selectors import federation_rollup
from tests.e2e.conftest import SmallFederation, VisitorFactory
from tests.e2e.places import ALLIANCE_NAME, HOSPITAL_NAME, NEIGHBOURHOOD_NAME, page_of

pytestmark = pytest.mark.e2e


def test_a_member_joins_a_second_committee_by_link_and_its_chair_admits_them(
    visit: VisitorFactory, invitation_token: str
) -> None:
    newcomer = visit()
    newcomer.log_in("newcomer")
    newcomer.go(f"/join/{invitation_token}/")
    expect(newcomer.page.get_by_role("heading", level=1)).to_have_text(f"Join {HOSPITAL_NAME}")
    newcomer.page.get_by_role("button", name="Ask to join").click()

    expect(newcomer.page).to_have_url(re.compile(r"/committees/$"))
    expect(newcomer.page.get_by_role("status")).to_contain_text(
        f"You have applied to join {HOSPITAL_NAME}."
    )
    cards = newcomer.page.locator(".card")
    expect(cards).to_have_count(2)
    neighbourhood = cards.filter(has_text=NEIGHBOURHOOD_NAME)
    expect(neighbourhood.get_by_role("link", name=NEIGHBOURHOOD_NAME)).to_be_visible()
    hospital = cards.filter(has_text=HOSPITAL_NAME)
    expect(hospital).to_contain_text("Applied: 0 vouches so far.")
    expect(hospital.get_by_role("link", name=HOSPITAL_NAME)).to_have_count(0)

    keisha = visit()
    keisha.log_in("keisha")
    keisha.go(page_of(HOSPITAL_NAME))
    applicants = keisha.page.locator("section[aria-labelledby=applicants-h]")
    applicants.get_by_role("listitem").filter(has_text="newcomer").get_by_role(
        "button", name="Admit"
    ).click()
    expect(keisha.page.get_by_role("status")).to_contain_text("Admitted.")
    expect(applicants).to_have_count(0)
    members = keisha.page.locator(".members")
    expect(members.locator(".handle", has_text=re.compile(r"^newcomer$"))).to_have_count(1)

    newcomer.go(page_of(HOSPITAL_NAME))
    expect(newcomer.page.get_by_role("heading", level=1)).to_have_text(HOSPITAL_NAME)
    newcomer.go(page_of(ALLIANCE_NAME, "federation/"))
    expect(newcomer.page.get_by_role("heading", level=1)).to_have_text(ALLIANCE_NAME)
    expect(newcomer.page.locator("main")).to_contain_text(
        "Only totals are shown here. A figure below 5 is shown as “fewer than 5”"
    )
    rollup = federation_rollup(committee_id=Committee.objects.get(name=ALLIANCE_NAME).pk)
    figures = newcomer.page.locator(".figure .number")
    expect(figures).to_have_count(3)
    expect(figures.nth(0)).to_have_text(str(rollup.base_committees))
    expect(figures.nth(1)).to_have_text(f"{rollup.members:,}")
    expect(figures.nth(2)).to_have_text(f"{rollup.workforce:,}")
    expect(newcomer.page.locator(".tree").first).to_contain_text(HOSPITAL_NAME)


def test_a_worker_new_to_the_platform_creates_an_account_on_the_join_page(
    visit: VisitorFactory, small_federation: SmallFederation
) -> None:
    garage = small_federation.garage.name
    worker = visit()
    worker.go(f"/join/{small_federation.invitation_token}/")
    form = worker.page.locator("main form")
    form.get_by_label("Handle").fill("night_nurse")
    form.get_by_label(re.compile(r"^Password:?$")).fill("first-shift-at-six")
    form.get_by_label("Password again").fill("first-shift-at-seven")
    form.get_by_role("button", name="Create my account and join").click()

    expect(worker.page.locator(".has-error .field-errors")).to_have_text(
        "The two passwords differ."
    )
    expect(form.get_by_label("Handle")).to_have_value("night_nurse")
    expect(form.get_by_label("Password again")).to_have_value("")

    form.get_by_label(re.compile(r"^Password:?$")).fill("first-shift-at-six")
    form.get_by_label("Password again").fill("first-shift-at-six")
    form.get_by_role("button", name="Create my account and join").click()

    expect(worker.page).to_have_url(re.compile(r"/committees/$"))
    expect(worker.page.get_by_role("status")).to_contain_text(
        f"Welcome, night_nurse. You have applied to join {garage}."
    )
    expect(worker.page.locator("header")).to_contain_text("night_nurse")
    expect(worker.page.locator(".card").filter(has_text=garage)).to_contain_text(
        "Applied: 0 vouches so far."
    )
