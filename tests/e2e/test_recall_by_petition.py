"""Members recall their delegate by petition, each at their own browser: they sign until the
bylaws' share, the secret recall vote opens by itself, the delegate answers, no officer can
close it early, members vote over the turnout floor, the seat ends, and the by-election that is
prepared fills it. A second recall misses the turnout floor and fails, with the reason shown.

To pass a voting period the test moves the poll's `closes_at` into the past in the database and
runs `polls_tick`, as the clock and cron would."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from rankfile.committees import services as committee_services
from rankfile.committees.models import DelegateSeat
from rankfile.votes.models import Poll
from rankfile.votes.tick import polls_tick
from tests.e2e.conftest import Visitor, VisitorFactory
from tests.e2e.meeting_helpers import (
    CHAIR,
    PARENT_NAME,
    Garage,
    cast_yes_no,
    garage_found,
    log_in,
    poll_go,
    section,
    told,
)
from tests.factories import set_bylaws

pytestmark = pytest.mark.e2e

TARGET = f"bo, delegate to {PARENT_NAME}"
RECALL = f"Recall of {TARGET}"
BY_ELECTION = f"By-election: delegate to {PARENT_NAME}"


@pytest.fixture
def garage(live_server: LiveServer) -> Garage:
    """Six members; bo sits on the coordinating committee. 50 % of 6: three signatures."""
    garage = garage_found()
    committee_services.seat_assign(
        parent=garage.parent,
        committee=garage.committee,
        person=garage.people["bo"],
        by=garage.people[CHAIR],
    )
    set_bylaws(garage.committee, recall_petition_percent=50)
    return garage


def deadline_pass(title: str) -> None:
    """The voting period passes, as a clock would, and the tick closes the vote."""
    Poll.objects.filter(title=title, status="open").update(
        closes_at=timezone.now() - timedelta(seconds=1)
    )
    assert polls_tick()["closed"] == 1


def petition_open(visitor: Visitor, garage: Garage) -> None:
    visitor.go(garage.path())
    visitor.page.get_by_role("link", name="Recall petitions: open one or see past ones").click()
    form = section(visitor, "open-h").locator("form")
    form.get_by_label("Whom do you ask to recall?").select_option(label=TARGET)
    form.get_by_label("Why?").fill("Voted for the new rota against our mandate")
    form.get_by_role("button", name="Open the petition and sign it").click()
    expect(told(visitor)).to_contain_text("The petition is open and carries your signature.")
    expect(visitor.page.locator("main")).to_contain_text("1 of 3 signatures")


def petition_sign(visitor: Visitor, garage: Garage) -> None:
    visitor.go(garage.path())
    section(visitor, "recalls-h").get_by_role("link", name=RECALL).click()
    visitor.page.get_by_role("button", name="Sign the petition").click()
    expect(told(visitor)).to_contain_text("Your signature is counted.")


def recall_by_petition(people: dict[str, Visitor], garage: Garage) -> None:
    """ana opens, chen and dee sign: the third signature opens the vote by itself."""
    petition_open(people["ana"], garage)
    petition_sign(people["chen"], garage)
    expect(people["chen"].page.locator("main")).to_contain_text("2 of 3 signatures")
    petition_sign(people["dee"], garage)
    expect(people["dee"].page.get_by_role("heading", level=1)).to_have_text(RECALL)
    expect(people["dee"].page.locator(".poll-status")).to_contain_text("Open")


def test_members_recall_their_delegate_and_fill_the_seat_by_by_election(
    visit: VisitorFactory, garage: Garage
) -> None:
    people = {handle: log_in(visit(), person) for handle, person in garage.people.items()}
    petition_open(people["ana"], garage)
    # The delegate answers on the petition's page; the answer is on the vote's page.
    bo = people["bo"]
    bo.go(garage.path())
    section(bo, "recalls-h").get_by_role("link", name=RECALL).click()
    bo.page.get_by_label("Your answer to the petition").fill("I voted as the parent asked.")
    bo.page.get_by_role("button", name="Publish my answer").click()
    expect(told(bo)).to_contain_text("Your answer is shown to the members.")
    petition_sign(people["chen"], garage)
    petition_sign(people["dee"], garage)
    expect(people["dee"].page.locator("main")).to_contain_text("I voted as the parent asked.")

    for handle in ("ana", "chen", "dee", "malik"):
        cast_yes_no(people[handle], garage, RECALL, "Yes")
    # No officer alone closes a vote outside a meeting before its deadline while some wait.
    rosa = people[CHAIR]
    poll_go(rosa, garage, RECALL)
    rosa.page.get_by_role("button", name="Close the vote and publish the result").click()
    # A confirmation page says how many have not voted, and why the vote cannot close yet.
    expect(rosa.page.locator("main")).to_contain_text("2 of 6 electors have not voted yet.")
    rosa.page.get_by_role("button", name="Yes, close the vote").click()
    expect(told(rosa)).to_contain_text("while 2 electors have not voted")
    expect(rosa.page.locator(".poll-status")).to_contain_text("Open")

    deadline_pass(RECALL)
    poll_go(rosa, garage, RECALL)
    rosa.page.get_by_role("link", name="Full result").click()
    expect(rosa.page.locator(".result-summary")).to_have_text(
        "Adopted: 4 yes, 0 no, 0 abstain (simple majority)"
    )
    expect(rosa.page.locator(".turnout-floor")).to_contain_text(
        "turnout 66% of 6; the bylaws ask 50%"
    )
    assert not DelegateSeat.objects.filter(person=garage.people["bo"], ended_at=None).exists()

    # The by-election is prepared: chen stands, the chair opens it, the members vote.
    chen = people["chen"]
    poll_go(chen, garage, BY_ELECTION)
    chen.page.get_by_label("Nominate a member (or yourself) by handle").fill("chen")
    chen.page.get_by_role("button", name="Nominate").click()
    poll_go(rosa, garage, BY_ELECTION)
    rosa.page.get_by_role("button", name="Open the vote").click()
    expect(told(rosa)).to_contain_text("The vote is open.")
    for handle in ("ana", "bo", "chen", "dee"):
        voter = people[handle]
        poll_go(voter, garage, BY_ELECTION)
        ballot = section(voter, "vote-h").locator("form")
        ballot.get_by_label("1st choice").select_option(label="chen")
        ballot.get_by_role("button", name="Cast my ballot").click()
        expect(voter.page.get_by_role("heading", level=1)).to_have_text("Your ballot is cast")
    deadline_pass(BY_ELECTION)
    rosa.go(garage.path())
    expect(section(rosa, "delegates-h")).to_contain_text(f"chen sits on {PARENT_NAME}")
    expect(section(rosa, "delegates-h")).not_to_contain_text("bo sits on")


def test_a_recall_below_the_turnout_floor_fails_and_says_why(
    visit: VisitorFactory, garage: Garage
) -> None:
    people = {handle: log_in(visit(), person) for handle, person in garage.people.items()}
    recall_by_petition(people, garage)
    for handle in ("ana", "chen"):  # 2 of 6: below the 50 % the bylaws ask
        cast_yes_no(people[handle], garage, RECALL, "Yes")
    deadline_pass(RECALL)
    ana = people["ana"]
    poll_go(ana, garage, RECALL)
    ana.page.get_by_role("link", name="Full result").click()
    expect(ana.page.locator(".result-summary")).to_have_text(
        "Failed: turnout 33% of 6; the bylaws ask 50%."
    )
    ana.go(garage.path())
    expect(section(ana, "delegates-h")).to_contain_text(f"bo sits on {PARENT_NAME}")
