"""Linking committees into the federation: found, ask to affiliate, be accepted, be counted."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SmallFederation, VisitorFactory

pytestmark = pytest.mark.e2e

DEPOT = "Midtown Bus Depot Rank-and-File Committee"


def test_a_founded_committee_affiliates_and_shows_in_the_coordinating_committees_federation(
    visit: VisitorFactory, small_federation: SmallFederation
) -> None:
    parent = small_federation.coordinating
    founder = visit()
    founder.log_in("stranger")
    founder.page.get_by_role("link", name="Found a committee").click()
    form = founder.page.locator("main form")
    form.get_by_label("Name").fill(DEPOT)
    form.get_by_label("Kind").select_option(label="Workplace")
    form.get_by_label("Sector").select_option(label="Transit")
    form.get_by_label("Region").fill("US/MN/Minneapolis")
    form.get_by_label("How many people work or study there").fill("300")
    form.get_by_role("button", name="Found it").click()

    expect(founder.page.get_by_role("heading", level=1)).to_have_text(DEPOT)
    expect(founder.page.get_by_role("status")).to_contain_text(
        f"{DEPOT} is founded. You are its chair."
    )
    founder.page.get_by_role("link", name="Join a coordinating committee").click()
    founder.page.get_by_label("Coordinating committee").select_option(
        label=f"{parent.name} (US/MN)"
    )
    founder.page.locator("form.stack").get_by_role("button", name="Ask to join").click()
    expect(founder.page.get_by_role("status")).to_contain_text(
        f"Asked. The officers of {parent.name} will decide."
    )
    federation_section = founder.page.locator("section[aria-labelledby=federation-h]")
    expect(federation_section).to_contain_text(re.compile(f"{parent.name}\\s+asked, waiting"))

    coordinator = visit()
    coordinator.log_in("coordinator")
    coordinator.go(f"/c/{parent.slug}/")
    request = coordinator.page.locator("section[aria-labelledby=federation-h] li").filter(
        has_text=DEPOT
    )
    expect(request).to_contain_text("asks to join")
    request.get_by_role("button", name="Accept").click()
    expect(coordinator.page.get_by_role("status")).to_contain_text("Accepted.")

    coordinator.go(f"/c/{parent.slug}/federation/")
    tree = coordinator.page.locator(".tree").first
    expect(tree.locator(".node-name", has_text=DEPOT)).to_have_count(1)
    expect(tree).to_contain_text("1 base committee,")
    expect(coordinator.page.locator(".figure").first).to_have_text(re.compile(r"^1\s+base"))

    founder.page.reload()
    expect(
        federation_section.get_by_role("listitem").filter(has_text=parent.name)
    ).not_to_contain_text("asked, waiting")
