"""A committee meets in an emergency and decides, each person at their own browser: the chair
calls the meeting, the members check in until the quorum is reached, a motion with two demands is
moved, seconded, amended and adopted, an STV election fills the committee's two delegate seats on
its coordinating committee, the minutes are published, and a voter finds their ballot on the
published board by its tracker. Every vote is a secret ballot cast through the ballot form."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from rankfile.committees.models import DelegateSeat, Membership, MembershipStatus
from rankfile.meetings.lifecycle import earliest_start
from rankfile.meetings.models import (
    Attendance,
    CheckInMethod,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    MinutesStatus,
)
from rankfile.motions.models import Motion, MotionStatus
from rankfile.tally.board import board_verify
from rankfile.votes.models import Poll, PollStatus
from tests.e2e.conftest import VisitorFactory
from tests.e2e.meeting_helpers import (
    CHAIR,
    EVERYONE,
    MEMBERS,
    PARENT_NAME,
    SECRETARY,
    Garage,
    cast_ranking,
    cast_yes_no,
    check_in_with_code,
    garage_found,
    log_in,
    meeting_call,
    meeting_go,
    motion_go,
    poll_close,
    poll_go,
    quorum_text,
    section,
    told,
)

pytestmark = pytest.mark.e2e

MEETING = "Emergency meeting: the new rota"
FOLLOW_UP = "Meeting: report back on the rota"
MOTION = "No split shifts on the new rota"
TEXT = (
    "This committee resolves that the garage refuses the new rota until management meets the "
    "demands below, and that the members meet again within a week."
)
DEMANDS = ["No split shifts for any operator", "Ten hours of rest between two shifts"]
AMENDMENT = f"Amendment 1 to “{MOTION}”"
ELECTION = f"Our delegates to {PARENT_NAME}"
AMENDMENT_RESULT = "Adopted: 4 yes, 1 no, 1 abstain (simple majority)"
MOTION_RESULT = "Adopted: 5 yes, 1 no, 0 abstain (simple majority)"
ELECTION_RESULT = re.compile(r"^Elected: bo, chen \(STV, 2 seats, quota [0-9.]+\)$")


@pytest.fixture
def garage(live_server: LiveServer) -> Garage:
    return garage_found()


def test_an_emergency_meeting_adopts_an_amended_motion_elects_delegates_and_publishes_minutes(
    visit: VisitorFactory, garage: Garage, tmp_path: Path
) -> None:
    people = {handle: log_in(visit(), person) for handle, person in garage.people.items()}
    rosa, malik = people[CHAIR], people[SECRETARY]
    ana, bo, chen, dee = (people[handle] for handle in MEMBERS)

    # The chair calls an emergency meeting. The bylaws give it 0 hours' notice, so it may be
    # called for the next minute and (from 30 minutes before its time) opened at once.
    earliest = earliest_start(committee=garage.committee, kind=MeetingKind.EMERGENCY)
    starts_at = earliest + timedelta(minutes=1)
    meeting_call(
        rosa,
        garage,
        kind="Emergency meeting",
        title=MEETING,
        starts_at=starts_at,
        agenda="The new rota\nOur delegates to the coordinating committee",
    )
    meeting = Meeting.objects.get(committee=garage.committee, title=MEETING)
    assert (meeting.kind, meeting.status, meeting.starts_at) == (
        MeetingKind.EMERGENCY,
        MeetingStatus.SCHEDULED,
        starts_at,
    )
    expect(section(rosa, "status-h")).to_contain_text("Emergency meeting")
    rosa.page.get_by_role("button", name="Open the meeting").click()
    expect(told(rosa)).to_contain_text("The meeting is open.")
    expect(quorum_text(rosa)).to_have_text("Quorum not reached: 0 of 3 present.")
    expect(section(rosa, "quorum-h")).to_contain_text(
        "3 needed: 25 % of 6 active members, at least 3."
    )

    # The code is shown in the room; the members type it in (any case), the secretary ticks in
    # the one who cannot.
    rosa.page.get_by_role("link", name="Show the check-in code").click()
    code = rosa.page.get_by_label("Check-in code").inner_text().strip()
    assert re.fullmatch(r"[ACDEFHJKMNPRTUVWXY3479]{6}", code), code
    expect(rosa.page.locator(".room-qr svg")).to_have_count(1)
    check_in_with_code(rosa, garage, MEETING, code)
    check_in_with_code(ana, garage, MEETING, code.lower())
    expect(quorum_text(ana)).to_have_text("Quorum not reached: 2 of 3 present.")
    check_in_with_code(bo, garage, MEETING, code)
    expect(quorum_text(bo)).to_have_text("Quorum reached: 3 of 3 present.")
    check_in_with_code(chen, garage, MEETING, code)
    check_in_with_code(malik, garage, MEETING, code)
    malik.page.get_by_role("link", name="Tick in members").click()
    malik.page.locator("ul.rows li").filter(has_text=re.compile(r"^\s*dee\b")).get_by_role(
        "button", name="Present"
    ).click()
    expect(told(malik)).to_contain_text("dee is checked in.")
    meeting_go(rosa, garage, MEETING)
    expect(quorum_text(rosa)).to_have_text("Quorum reached: 6 of 3 present.")
    attendance = section(rosa, "attendance-h")
    expect(attendance.get_by_role("heading")).to_have_text("6 present")
    expect(attendance.locator(".names .handle")).to_have_text(sorted(EVERYONE))
    rows = Attendance.objects.filter(meeting=meeting)
    assert sorted(row.person.handle for row in rows) == sorted(EVERYONE)
    assert {row.person.handle: row.method for row in rows if row.left_at is None} == {
        handle: CheckInMethod.SECRETARY if handle == "dee" else CheckInMethod.CODE
        for handle in EVERYONE
    }

    # A member writes a motion with two demands and submits it; another seconds it; the chair
    # puts it on the meeting's agenda.
    ana.go(garage.path("motions/"))
    ana.page.get_by_role("link", name="Write a motion").click()
    form = ana.page.locator("main form.stack")
    form.get_by_label("Title").fill(MOTION)
    form.get_by_label("Text of the motion").fill(TEXT)
    form.get_by_label("New demands, one per line").fill("\n".join(DEMANDS))
    form.get_by_role("button", name="Save the draft").click()
    expect(told(ana)).to_contain_text("Your draft is saved. Only you see it until you submit it.")
    ana.page.get_by_role("button", name="Submit the motion").click()
    expect(told(ana)).to_contain_text("The motion is submitted. It needs a seconder.")
    expect(ana.page.locator("ol.demands li")).to_have_text(DEMANDS)

    motion_go(bo, garage, MOTION)
    section(bo, "next-h").get_by_role("button", name="I second it").click()
    expect(told(bo)).to_contain_text("You have seconded it.")

    motion_go(rosa, garage, MOTION)
    next_step = section(rosa, "next-h")
    next_step.get_by_label("Put it on the agenda of").select_option(label=MEETING)
    next_step.get_by_role("button", name="Put on the agenda").click()
    expect(told(rosa)).to_contain_text(f"The motion is on the agenda of “{MEETING}”.")
    motion = Motion.objects.get(title=MOTION)
    assert (motion.status, motion.meeting_id) == (MotionStatus.ON_AGENDA, meeting.pk)

    # Another member moves an amendment, a fourth seconds it; the motion waits for its vote.
    motion_go(chen, garage, MOTION)
    section(chen, "amendments-h").get_by_role("link", name="Move an amendment").click()
    form = chen.page.locator("main form.stack")
    form.get_by_label("Replace words").check()
    form.get_by_label("Words of the motion").fill("within a week")
    form.get_by_label("New words").fill("within three days")
    form.get_by_role("button", name="Move the amendment").click()
    expect(told(chen)).to_contain_text("Your amendment is moved. It needs a seconder.")
    expect(chen.page.get_by_role("heading", level=1)).to_have_text(AMENDMENT)
    expect(chen.page.locator("blockquote.motion-text ins")).to_contain_text("three days")

    motion_go(dee, garage, MOTION)
    section(dee, "amendments-h").get_by_role("listitem").filter(has_text=AMENDMENT).get_by_role(
        "button", name="I second it"
    ).click()
    expect(told(dee)).to_contain_text("You have seconded it.")

    motion_go(rosa, garage, MOTION)
    expect(section(rosa, "next-h")).to_contain_text(
        "Not to the vote yet: An amendment is pending: vote on it, or have it withdrawn, first."
    )
    section(rosa, "amendments-h").get_by_role("listitem").filter(has_text=AMENDMENT).get_by_role(
        "button", name="Put it to the vote"
    ).click()
    expect(told(rosa)).to_contain_text("The vote is open.")

    # The amendment is carried by secret ballot and applied to the motion's text.
    choices = {CHAIR: "Abstain", SECRETARY: "No", "ana": "Yes", "bo": "Yes", "chen": "Yes"}
    for handle, choice in {**choices, "dee": "Yes"}.items():
        cast_yes_no(people[handle], garage, AMENDMENT, choice)
    assert poll_close(rosa, garage, AMENDMENT, voters=6) == AMENDMENT_RESULT
    amendment = Motion.objects.get(title=AMENDMENT)
    assert amendment.status == MotionStatus.ADOPTED and amendment.applied_at is not None
    motion.refresh_from_db()
    assert motion.text == TEXT.replace("within a week", "within three days")
    assert motion.original_text == TEXT

    # The amended motion is put to the vote and adopted: resolution no. 1.
    motion_go(rosa, garage, MOTION)
    expect(rosa.page.locator("blockquote.motion-text ins")).to_contain_text("three days")
    expect(rosa.page.locator("blockquote.motion-text del")).to_contain_text("a week")
    section(rosa, "next-h").get_by_role("button", name="Put it to the vote").click()
    expect(told(rosa)).to_contain_text("The vote is open.")
    for handle in EVERYONE:
        cast_yes_no(people[handle], garage, MOTION, "No" if handle == SECRETARY else "Yes")
    assert poll_close(rosa, garage, MOTION, voters=6) == MOTION_RESULT
    motion_go(ana, garage, MOTION)
    expect(ana.page.locator("p.meta")).to_contain_text("Adopted · resolution no. 1")
    motion.refresh_from_db()
    assert (motion.status, motion.resolution_number) == (MotionStatus.ADOPTED, 1)
    assert [link.demand.text for link in motion.demand_links.order_by("position")] == DEMANDS
    motion_polls = Poll.objects.filter(motion__in=[motion, amendment], meeting=meeting)
    assert [(p.status, p.adopted, p.electorate_size) for p in motion_polls] == [
        (PollStatus.CLOSED, True, 6)
    ] * 2

    # The meeting's votes so far, with their results.
    meeting_go(rosa, garage, MEETING)
    votes_held = section(rosa, "polls-h").get_by_role("listitem")
    expect(votes_held.get_by_role("link")).to_have_text([AMENDMENT, MOTION])
    expect(votes_held).to_contain_text([AMENDMENT_RESULT, MOTION_RESULT])

    # The chair prepares an election from the meeting page: two seats on the coordinating
    # committee, by STV. Three members are nominated and accept.
    section(rosa, "polls-h").get_by_role("link", name="Hold an election or another vote").click()
    form = rosa.page.locator("main form.stack")
    form.get_by_label("Kind of vote").select_option(label="Election (candidates are nominated)")
    form.get_by_label("Title").fill(ELECTION)
    form.get_by_label("Method").select_option(label="Single transferable vote (ranked)")
    form.get_by_label("Places to fill").fill("2")
    form.get_by_label("Elections and recalls: what the vote decides").select_option(
        label=f"Election of our delegates to {PARENT_NAME}"
    )
    form.get_by_role("button", name="Prepare the vote").click()
    expect(told(rosa)).to_contain_text("The vote is prepared. Open it when the time comes.")
    for handle in ("bo", "chen", "ana"):
        nominate = section(rosa, "candidates-h")
        nominate.get_by_label("Nominate a member (or yourself) by handle").fill(handle)
        nominate.get_by_role("button", name="Nominate").click()
        expect(told(rosa)).to_contain_text(
            f"{handle} is nominated; they become a candidate when they accept."
        )
    for nominee in (bo, chen, ana):
        poll_go(nominee, garage, ELECTION)
        section(nominee, "candidates-h").get_by_role("button", name="I accept").click()
        expect(told(nominee)).to_contain_text("You are a candidate.")
    poll_go(rosa, garage, ELECTION)
    expect(section(rosa, "candidates-h").locator(".status")).to_have_text(["candidate"] * 3)
    rosa.page.get_by_role("button", name="Open the vote").click()
    expect(told(rosa)).to_contain_text("The vote is open.")

    # Members rank the candidates; quota 3 of 6 ballots: bo is elected on first choices, then
    # ana is excluded and her ballot elects chen. The winners take the two seats.
    rankings = {
        CHAIR: ["bo", "chen"],
        SECRETARY: ["bo", "ana"],
        "ana": ["ana", "chen"],
        "bo": ["bo", "chen"],
        "chen": ["chen", "bo"],
        "dee": ["chen", "ana"],
    }
    trackers = {
        handle: cast_ranking(people[handle], garage, ELECTION, ranking)
        for handle, ranking in rankings.items()
    }
    election_summary = poll_close(rosa, garage, ELECTION, voters=6)
    assert ELECTION_RESULT.match(election_summary), election_summary
    election = Poll.objects.get(title=ELECTION)
    assert election.status == PollStatus.CLOSED
    assert election.result is not None and election.result["winners"] == ["bo", "chen"]
    seats = DelegateSeat.objects.filter(
        parent=garage.parent, committee=garage.committee, ended_at__isnull=True
    )
    assert sorted(seat.person.handle for seat in seats) == ["bo", "chen"]
    assert set(
        Membership.objects.filter(
            committee=garage.parent, status=MembershipStatus.ACTIVE
        ).values_list("person__handle", flat=True)
    ) >= {"bo", "chen"}
    dee.go(garage.path())
    delegates = section(dee, "delegates-h").get_by_role("listitem")
    expect(delegates).to_have_text(
        # Each seat carries its term from the bylaws (six months), shown beside the delegate.
        [
            re.compile(rf"^bo\s+sits on {PARENT_NAME}\s+until "),
            re.compile(rf"^chen\s+sits on {PARENT_NAME}\s+until "),
        ],
        use_inner_text=True,
    )

    # A voter finds her ballot on the published board by the tracker she kept, downloads the
    # board and recounts it.
    poll_go(ana, garage, ELECTION)
    ana.page.get_by_role("link", name="Check a ballot on the board").click()
    ana.page.get_by_label("Tracker").fill(trackers["ana"])
    ana.page.get_by_role("button", name="Check").click()
    expect(ana.page.locator(".callout")).to_contain_text(
        "Your ballot is on the published board, counted as:"
    )
    expect(ana.page.locator("ol.ballot-content li")).to_have_text(["ana", "chen"])
    with ana.page.expect_download() as download:
        ana.page.get_by_role("link", name="Download the whole board (board.json)").click()
    board_file = tmp_path / download.value.suggested_filename
    download.value.save_as(board_file)
    board = json.loads(board_file.read_text(encoding="utf-8"))
    verification = board_verify(board)
    assert verification.ok and verification.problems == []
    assert verification.result is not None and list(verification.result.winners) == ["bo", "chen"]
    assert sorted(ballot["tracker"] for ballot in board["ballots"]) == sorted(trackers.values())

    # The chair closes the meeting and writes the minutes; a later meeting approves them and the
    # chair publishes them to the members.
    meeting_go(rosa, garage, MEETING)
    rosa.page.get_by_role("button", name="Close the meeting").click()
    rosa.page.get_by_role("button", name="Yes, close the meeting").click()
    expect(told(rosa)).to_contain_text("The meeting is closed.")
    rosa.page.get_by_role("button", name="Write the minutes").click()
    expect(told(rosa)).to_contain_text("The minutes are written from the record.")
    expect(rosa.page.get_by_role("heading", level=1)).to_have_text(f"Minutes: {MEETING}")

    follow_up_at = max(
        earliest_start(committee=garage.committee, kind=MeetingKind.REGULAR),
        meeting.starts_at,
    ) + timedelta(minutes=1)
    meeting_call(
        rosa,
        garage,
        kind="Regular meeting",
        title=FOLLOW_UP,
        starts_at=follow_up_at,
        agenda="Report back on the rota",
    )
    expect(section(rosa, "agenda-h").locator("ol.agenda")).to_contain_text(
        f"Approval of the minutes of “{MEETING}”"
    )
    rosa.page.get_by_role("button", name="Open the meeting").click()
    expect(told(rosa)).to_contain_text("The meeting is open.")
    approve = (
        section(rosa, "agenda-h")
        .get_by_role("listitem")
        .filter(has_text=MEETING)
        .get_by_role("button", name="The meeting approves them")
    )
    # With nobody present the chair's click is not the meeting's approval.
    approve.click()
    expect(told(rosa)).to_contain_text(
        "Only a meeting with its quorum approves minutes. Quorum not reached: 0 of 3 present."
    )
    assert Minutes.objects.get(meeting=meeting).status == MinutesStatus.DRAFT
    rosa.page.get_by_role("link", name="Show the check-in code").click()
    follow_up_code = rosa.page.get_by_label("Check-in code").inner_text().strip()
    for person in (rosa, ana, bo):
        check_in_with_code(person, garage, FOLLOW_UP, follow_up_code)
    meeting_go(rosa, garage, FOLLOW_UP)
    approve.click()
    expect(told(rosa)).to_contain_text("The minutes are approved.")
    meeting_go(rosa, garage, MEETING)
    section(rosa, "status-h").get_by_role("link", name="Minutes").click()
    rosa.page.get_by_role("button", name="Publish to the members").click()
    expect(told(rosa)).to_contain_text("The minutes are published to the members.")
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.status == MinutesStatus.PUBLISHED
    assert minutes.approved_in is not None and minutes.approved_in.title == FOLLOW_UP

    # A member reads them: the attendance, the motion and its amendment with their results.
    meeting_go(dee, garage, MEETING)
    section(dee, "status-h").get_by_role("link", name="Minutes").click()
    record = dee.page.locator("article.minutes")
    expect(record.locator("h1")).to_have_text(f"Minutes: {MEETING}")
    expect(record.locator("p.status")).to_contain_text(f"Published · approved at “{FOLLOW_UP}”")
    expect(record).to_contain_text("6 members attended · 6 active members; the quorum was 3.")
    decided = record.locator("section.minutes-motion")
    expect(decided.locator("h3")).to_have_text(f"{MOTION} · Adopted · resolution no. 1")
    expect(decided).to_contain_text(MOTION_RESULT)
    expect(decided.locator("blockquote")).to_have_text(motion.text)
    expect(decided.locator("ul.demands li")).to_have_text(DEMANDS)
    expect(decided.locator("ul").last).to_have_text(
        f"Replace words: “within a week” → “within three days” · Adopted · {AMENDMENT_RESULT}",
        use_inner_text=True,
    )

    # ... and the election with its winners, which the meeting held.
    election.refresh_from_db()
    assert election.meeting_id == meeting.pk
    votes = record.locator("h2", has_text="Elections and other votes").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(votes).to_have_text(f"{ELECTION}: {election_summary}", use_inner_text=True)
    meeting_go(dee, garage, MEETING)
    votes_held = section(dee, "polls-h").get_by_role("listitem")
    expect(votes_held.get_by_role("link")).to_have_text([AMENDMENT, MOTION, ELECTION])
    expect(votes_held.last).to_contain_text(election_summary)
