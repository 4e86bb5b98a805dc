"""What the people of a committee do at their own browser during a meeting: the committee they
meet in (made through the services), and the steps they take on its pages (call a meeting, check
in, move and second, cast a ballot and keep its tracker, close a vote). Each step goes through
the pages as a person would: from the committee's lists, by the names of links and buttons."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime

from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Locator, expect

from rankfile.accounts.models import Person
from rankfile.committees import services
from rankfile.committees.models import Committee, RoleKind
from tests.e2e.conftest import Visitor
from tests.factories import make_committee, make_member, make_person, set_bylaws

PARENT_NAME = "Twin Cities Transit Workers"
GARAGE_NAME = "Heywood Bus Garage Committee"
CHAIR, SECRETARY = "rosa", "malik"
MEMBERS = ("ana", "bo", "chen", "dee")
EVERYONE = (CHAIR, SECRETARY, *MEMBERS)


@dataclasses.dataclass(frozen=True)
class Garage:
    """A workplace committee of six active members (`rosa` chairs, `malik` is secretary),
    affiliated (accepted) to a coordinating committee on which it holds no seat yet."""

    committee: Committee
    parent: Committee
    people: dict[str, Person]

    def path(self, suffix: str = "") -> str:
        return f"/c/{self.committee.slug}/{suffix}"


def garage_found() -> Garage:
    """The committee, its parent and its people. Both notices are 0 hours in its bylaws: the
    emergency meeting (and the later meeting that approves its minutes) can open at once."""
    people = {handle: make_person(handle) for handle in EVERYONE}
    parent = make_committee(
        "coordinating", by=make_person("coordinator"), name=PARENT_NAME, region="US/MN"
    )
    committee = make_committee(
        by=people[CHAIR], name=GARAGE_NAME, parent=parent, workforce_estimate=650
    )
    for handle in (SECRETARY, *MEMBERS):
        make_member(committee, people[handle])
    services.role_assign(
        committee=committee, person=people[SECRETARY], kind=RoleKind.SECRETARY, by=people[CHAIR]
    )
    set_bylaws(committee, notice_emergency_hours=0, notice_regular_hours=0)
    return Garage(committee=committee, parent=parent, people=people)


def log_in(visitor: Visitor, person: Person) -> Visitor:
    """Give the browser a session of `person`, as the login form would (other tests drive the
    form; six logins through it would cost this test seconds)."""
    client = Client()
    client.force_login(person)
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    visitor.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.value,
                "url": visitor.base_url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
    visitor.go("/committees/")
    expect(visitor.page.locator("header .handle")).to_have_text(person.handle)
    return visitor


def form_time(value: datetime) -> str:
    """A time as a datetime-local field takes it, in the server's time zone."""
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def told(visitor: Visitor) -> Locator:
    """The messages the last action left on the page."""
    return visitor.page.locator("main ul.messages")


def section(visitor: Visitor, heading_id: str) -> Locator:
    return visitor.page.locator(f"section[aria-labelledby={heading_id}]")


# --- meetings ---


def meeting_call(
    chair: Visitor, garage: Garage, *, kind: str, title: str, starts_at: datetime, agenda: str
) -> None:
    chair.go(garage.path())
    chair.page.locator("nav.subnav").get_by_role("link", name="Call a meeting").click()
    expect(chair.page.locator("main p.muted").first).to_contain_text(
        re.compile(r"an emergency meeting at \S+")
    )
    form = chair.page.locator("main form.stack")
    form.get_by_label(kind, exact=True).check()
    form.get_by_label("Title").fill(title)
    form.get_by_label("Starts at").fill(form_time(starts_at))
    form.get_by_label("Place").fill("Break room, Heywood garage")
    form.get_by_label("Agenda, one item per line").fill(agenda)
    form.get_by_role("button", name="Call the meeting").click()
    expect(told(chair)).to_contain_text("The meeting is called. The members are told.")
    expect(chair.page.get_by_role("heading", level=1)).to_have_text(title)


def meeting_go(visitor: Visitor, garage: Garage, title: str) -> None:
    """From the committee's Meetings page to the meeting."""
    visitor.go(garage.path("meetings/"))
    visitor.page.locator("main").get_by_role("link", name=title, exact=True).click()
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(title)


def check_in_with_code(member: Visitor, garage: Garage, title: str, code: str) -> None:
    meeting_go(member, garage, title)
    attendance = section(member, "attendance-h")
    attendance.get_by_label("Code shown in the room").fill(code)
    attendance.get_by_role("button", name="Check in").click()
    expect(told(member)).to_contain_text("You are checked in.")
    expect(section(member, "attendance-h").locator("p.status")).to_have_text("You are checked in.")


def quorum_text(visitor: Visitor) -> Locator:
    return section(visitor, "quorum-h").locator("p.status")


# --- motions ---


def motion_go(visitor: Visitor, garage: Garage, title: str) -> None:
    """From the committee's Motions page to the motion."""
    visitor.go(garage.path("motions/"))
    visitor.page.locator("main").get_by_role("link", name=title, exact=True).click()
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(title)


# --- votes ---


def poll_go(visitor: Visitor, garage: Garage, title: str) -> None:
    """From the committee's Votes page to the vote."""
    visitor.go(garage.path("polls/"))
    visitor.page.locator("main").get_by_role("link", name=title, exact=True).click()
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(title)


def _receipt_tracker(voter: Visitor) -> str:
    expect(voter.page.get_by_role("heading", level=1)).to_have_text("Your ballot is cast")
    tracker = voter.page.get_by_label("Your tracker").input_value()
    assert re.fullmatch(r"[0-9a-f]{32}", tracker), tracker
    return tracker


def cast_yes_no(voter: Visitor, garage: Garage, title: str, choice: str) -> str:
    """Vote "Yes", "No" or "Abstain"; the tracker shown once on the receipt."""
    poll_go(voter, garage, title)
    ballot = section(voter, "vote-h").locator("form")
    ballot.get_by_label(choice, exact=True).check()
    ballot.get_by_role("button", name="Cast my ballot").click()
    return _receipt_tracker(voter)


RANKS = ("1st choice", "2nd choice", "3rd choice")


def cast_ranking(voter: Visitor, garage: Garage, title: str, ranking: list[str]) -> str:
    """Rank candidates by handle, best first; the tracker shown once on the receipt."""
    poll_go(voter, garage, title)
    ballot = section(voter, "vote-h").locator("form")
    for rank, handle in zip(RANKS, ranking, strict=False):
        ballot.get_by_label(rank).select_option(label=handle)
    ballot.get_by_role("button", name="Cast my ballot").click()
    return _receipt_tracker(voter)


def poll_close(chair: Visitor, garage: Garage, title: str, *, voters: int) -> str:
    """Close the vote once everyone has voted; the result's summary sentence."""
    poll_go(chair, garage, title)
    expect(chair.page.locator(".turnout")).to_have_text(f"{voters} of {voters} have voted")
    chair.page.get_by_role("button", name="Close the vote and publish the result").click()
    chair.page.get_by_role("button", name="Yes, close the vote").click()
    expect(told(chair)).to_contain_text("The vote is closed and its result published.")
    expect(chair.page.get_by_role("heading", level=1)).to_have_text(f"Result: {title}")
    return chair.page.locator(".result-summary").inner_text()
