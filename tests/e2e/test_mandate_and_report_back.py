"""Mandates up, report-back down, each person at their own browser: the coordinating committee
puts a motion on the agenda of its delegates' meeting; a member of the bus garage sees it coming
up on the garage's page and moves a mandate ("vote yes") from there; another seconds it and the
garage adopts it; its delegate sees the mandate beside the ballot and votes no by roll call; the
garage's page shows the vote against the mandate; the delegates' meeting closes, the
report-back is on the agenda of the garage's next meeting, the delegate writes the report, and
the minutes of that meeting record it.

The meetings' own running (check-in, opening and closing the votes) goes through the services:
tests/e2e/test_meeting_to_election.py drives those pages."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from rankfile.mandates.models import Mandate, ReportBack
from rankfile.meetings.models import Meeting
from rankfile.meetings.services import meeting_close, meeting_start, minutes_generate
from rankfile.motions.models import Motion, MotionKind, MotionStatus
from rankfile.votes.models import VoteCast
from rankfile.votes.services import poll_close
from tests.e2e.conftest import VisitorFactory
from tests.e2e.meeting_helpers import (
    CHAIR,
    PARENT_NAME,
    Garage,
    garage_found,
    log_in,
    motion_go,
    section,
    told,
)
from tests.factories import chair_of, make_seat
from tests.mandates.helpers import adopt_in_a_meeting, check_in_everyone, open_parent_vote
from tests.meetings.helpers import make_meeting
from tests.motions.helpers import make_motion

pytestmark = pytest.mark.e2e

DELEGATE = "bo"
PARENT_MOTION = "Join the January strike"
PARENT_MEETING = "Delegates' meeting"
NEXT_MEETING = "Monthly meeting"
REPORT = "I voted no: our garage is not ready, and I said so."


def soon() -> datetime:
    """A meeting that may start now (check-in opens half an hour before)."""
    return timezone.now() + timedelta(minutes=1)


@pytest.fixture
def garage(live_server: LiveServer) -> Garage:
    garage = garage_found()
    make_seat(garage.committee, garage.parent, garage.people[DELEGATE])
    return garage


def test_a_mandate_goes_up_a_roll_call_vote_comes_back_and_the_report_back_is_minuted(
    visit: VisitorFactory, garage: Garage
) -> None:
    parent, committee = garage.parent, garage.committee
    coordinator = chair_of(parent)
    parent_meeting = make_meeting(parent, title=PARENT_MEETING, starts_at=soon())
    make_motion(parent, title=PARENT_MOTION, seconded_by=garage.people[DELEGATE])

    # The coordinating committee puts the motion on its delegates' meeting's agenda.
    chair_above = log_in(visit(), coordinator)
    chair_above.go(f"/motions/{Motion.objects.get(title=PARENT_MOTION).pk}/")
    chair_above.page.get_by_label("Put it on the agenda of").select_option(label=PARENT_MEETING)
    chair_above.page.get_by_role("button", name="Put on the agenda").click()
    expect(told(chair_above)).to_contain_text("The motion is on the agenda")

    # A member of the garage sees it coming up and moves a mandate from there.
    ana = log_in(visit(width=360), garage.people["ana"])
    ana.go(garage.path())
    coming = section(ana, "mandates-h")
    expect(coming).to_contain_text(f"coming up at {PARENT_NAME}")
    expect(coming).to_contain_text(PARENT_MOTION)
    coming.get_by_role("link", name="Coming up above, mandates and report-backs").click()
    entry = ana.page.locator("main li.card", has_text=PARENT_MOTION)
    entry.get_by_label("vote yes").check()
    entry.get_by_role("button", name="Move this mandate").click()
    expect(told(ana)).to_contain_text("The mandate is moved. It needs a seconder, then a vote.")
    mandate_motion = Motion.objects.get(committee=committee, kind=MotionKind.MANDATE)
    expect(ana.page.get_by_role("heading", level=1)).to_have_text(mandate_motion.title)

    # Another member seconds it; the garage adopts it like any motion.
    chen = log_in(visit(), garage.people["chen"])
    motion_go(chen, garage, mandate_motion.title)
    chen.page.get_by_role("button", name="I second it").click()
    expect(told(chen)).to_contain_text("second")
    adopted = adopt_in_a_meeting(Motion.objects.get(pk=mandate_motion.pk), by=garage.people[CHAIR])
    assert adopted.status == MotionStatus.ADOPTED
    assert Mandate.objects.get(committee=committee).position == "yes"

    # The garage schedules its next meeting before the delegates meet.
    next_meeting = make_meeting(committee, title=NEXT_MEETING, starts_at=soon())

    # The delegate sees the mandate beside the ballot and votes no, by roll call.
    poll = open_parent_vote(
        Meeting.objects.get(pk=parent_meeting.pk), Motion.objects.get(title=PARENT_MOTION)
    )
    assert not poll.is_secret
    bo = log_in(visit(width=360), garage.people[DELEGATE])
    bo.go(f"/polls/{poll.pk}/")
    vote = section(bo, "vote-h")
    expect(vote).to_contain_text(f"Your mandate from {committee.name}: vote yes.")
    vote.locator("form").get_by_label("No", exact=True).check()
    vote.get_by_role("button", name="Cast my ballot").click()
    assert (
        VoteCast.objects.get(poll=poll, voter=garage.people[DELEGATE]).roll_call["content"] == "no"
    )
    poll_close(poll=poll, by=coordinator)

    # The garage's page shows the vote against the mandate.
    ana.go(garage.path())
    votes = section(ana, "mandates-h")
    expect(votes).to_contain_text("voted no; mandate was yes")
    expect(votes.locator(".against-mandate")).to_contain_text("against the mandate")

    # The delegates' meeting closes: the report-back goes on the garage's next agenda.
    meeting_close(meeting=Meeting.objects.get(pk=parent_meeting.pk), by=coordinator)
    report = ReportBack.objects.get(committee=committee)
    assert report.agenda_item.meeting_id == next_meeting.pk
    ana.go(f"/meetings/{next_meeting.pk}/")
    expect(section(ana, "agenda-h")).to_contain_text(
        f"Report-back from {PARENT_NAME}: {PARENT_MEETING}"
    )

    # The delegate writes the report from the garage's page.
    bo.go(garage.path())
    section(bo, "mandates-h").get_by_role(
        "link", name="Coming up above, mandates and report-backs"
    ).click()
    section(bo, "reports-h").get_by_role("link", name=f"{PARENT_NAME}: {PARENT_MEETING}").click()
    bo.page.get_by_role("textbox", name="The delegates' report").fill(REPORT)
    bo.page.get_by_role("button", name="Save the report").click()
    expect(told(bo)).to_contain_text("Your report is saved.")

    # The garage's meeting hears it; its minutes record it.
    chair = garage.people[CHAIR]

    started = meeting_start(meeting=Meeting.objects.get(pk=next_meeting.pk), by=chair)
    check_in_everyone(started)
    meeting_close(meeting=started, by=chair)
    minutes_generate(meeting=started, by=chair)
    # The draft minutes, as the secretary's side reads them before they are approved.
    rosa = log_in(visit(), chair)
    rosa.go(f"/meetings/{next_meeting.pk}/minutes/")
    minutes = rosa.page.locator("article.minutes")
    expect(minutes).to_contain_text(f"Report-back from {PARENT_NAME}: {PARENT_MEETING}")
    expect(minutes).to_contain_text(REPORT)
    expect(minutes.locator(".against-mandate")).to_contain_text("bo")
