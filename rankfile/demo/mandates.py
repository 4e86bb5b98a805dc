"""The demo's mandates and report-back, between the bus garage and the transit coordinating
committee:

* last week's delegates' meeting of the transit committee voted, by roll call, on a strike fund
  levy; the garage had mandated its delegates to vote yes, one of them voted no (flagged on the
  garage's page); the meeting is closed, so its report-back, with marisol's written report, is
  on the agenda of the garage's next meeting;
* next week's delegates' meeting has "Join the January strike" on its agenda: the garage sees it
  coming up, and has mandated its delegates (marisol among them) to vote yes.

Loaded by `rankfile.demo.scenario.demo_load()`, after the votes. Everything goes through the
services, meetings called with their notice (backdated where the story is in the past).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee, DelegateSeat, MembershipStatus
from rankfile.demo.people import chair_of
from rankfile.demo.votes import GARAGE, TRANSIT
from rankfile.mandates import services as mandates
from rankfile.mandates.models import ReportBack
from rankfile.meetings import services as meetings
from rankfile.meetings.models import Meeting
from rankfile.motions import services as motions
from rankfile.motions.models import Motion
from rankfile.votes.services import ballot_cast, poll_close

LEVY = "A strike fund levy of $5 a month"
JANUARY = "Join the January strike"
REPORT = (
    "The levy passed 4 to 2. I voted yes as mandated; Dwayne's co-delegate voted no, saying "
    "the garage had not been asked about the amount. We will bring the amount back to you."
)


def mandates_demo_load() -> None:
    garage = Committee.objects.get(name=GARAGE)
    transit = Committee.objects.get(name=TRANSIT)
    now = timezone.now()
    past = _meeting(transit, "Delegates' meeting, last week", starts_at=now - timedelta(days=7))
    levy = _motion_on_agenda(transit, past, LEVY, "Each committee pays $5 a member a month.")
    _mandate(garage, target=f"motion:{levy.pk}", position="yes", at=now - timedelta(days=9))
    _roll_call(transit, past, levy, at=now - timedelta(days=7))
    # The garage calls its next meeting; the report-back goes on its agenda.
    upcoming = _meeting(garage, "Monthly meeting", starts_at=now + timedelta(days=5))
    meetings.meeting_close(meeting=past, by=chair_of(transit), now=now - timedelta(days=7))
    report = ReportBack.objects.get(committee=garage, parent_meeting=past)
    mandates.report_back_write(report_back=report, by=chair_of(garage), text=REPORT)
    assert report.agenda_item is None or report.agenda_item.meeting_id == upcoming.pk
    # Next week's question, mandated already.
    coming = _meeting(transit, "Delegates' meeting, next week", starts_at=now + timedelta(days=7))
    january = _motion_on_agenda(
        transit, coming, JANUARY, "The committees of the transit industry strike from 23 January."
    )
    _mandate(garage, target=f"motion:{january.pk}", position="yes", at=now - timedelta(days=1))


def _members(committee: Committee) -> list[Person]:
    return list(
        Person.objects.filter(
            memberships__committee=committee, memberships__status=MembershipStatus.ACTIVE
        ).order_by("handle")
    )


def _meeting(committee: Committee, title: str, *, starts_at: datetime) -> Meeting:
    return meetings.meeting_call(
        committee=committee,
        by=chair_of(committee),
        kind="regular",
        title=title,
        starts_at=starts_at,
        now=starts_at - timedelta(days=14),
    )


def _motion_on_agenda(committee: Committee, meeting: Meeting, title: str, text: str) -> Motion:
    people = _members(committee)
    proposer, seconder = people[0], people[1]
    motion = motions.motion_create(committee=committee, by=proposer, title=title, text=text)
    motion = motions.motion_submit(motion=motion, by=proposer)
    motion = motions.motion_second(motion=motion, by=seconder)
    return motions.motion_put_on_agenda(motion=motion, meeting=meeting, by=chair_of(committee))


def _in_session(meeting: Meeting, *, at: datetime) -> Meeting:
    chair = chair_of(meeting.committee)
    meeting = meetings.meeting_start(meeting=meeting, by=chair, now=at)
    for person in _members(meeting.committee):
        meetings.attendance_check_in(meeting=meeting, person=person, by=chair, now=at)
    return meeting


def _mandate(garage: Committee, *, target: str, position: str, at: datetime) -> None:
    """Moved by a member, seconded, adopted in a meeting of the garage held for it."""
    people = _members(garage)
    chair = chair_of(garage)
    motion = mandates.mandate_propose(
        committee=garage, by=people[5], target=target, position=position
    )
    motion = motions.motion_second(motion=motion, by=people[6])
    meeting = _meeting(garage, "Meeting on our mandates", starts_at=at)
    motions.motion_put_on_agenda(motion=motion, meeting=meeting, by=chair)
    meeting = _in_session(meeting, at=at)
    motion = motions.motion_put_to_vote(motion=motion, by=chair)
    poll = motion.polls.get(status="open")
    for n, person in enumerate(people[:20]):
        ballot_cast(poll=poll, voter=person, content="no" if n % 5 == 0 else "yes")
    poll_close(poll=poll, by=chair)
    meetings.meeting_close(meeting=meeting, by=chair, now=at + timedelta(hours=1))


def _roll_call(transit: Committee, meeting: Meeting, levy: Motion, *, at: datetime) -> None:
    """The delegates vote by roll call; one garage delegate votes against the mandate."""
    chair = chair_of(transit)
    meeting = _in_session(meeting, at=at)
    motions.motion_put_to_vote(motion=levy, by=chair, is_secret=False)
    poll = Motion.objects.get(pk=levy.pk).polls.get(status="open")
    garage_delegates = set(
        DelegateSeat.objects.filter(
            parent=transit, committee__name=GARAGE, ended_at__isnull=True
        ).values_list("person_id", flat=True)
    )
    seats = DelegateSeat.objects.filter(parent=transit, ended_at__isnull=True).select_related(
        "person"
    )
    for n, seat in enumerate(seats.order_by("person__handle")):
        chair_of_garage = seat.person_id == chair_of(Committee.objects.get(name=GARAGE)).pk
        if seat.person_id in garage_delegates:
            content = "yes" if chair_of_garage else "no"
        else:
            content = "yes" if n % 3 else "no"
        ballot_cast(poll=poll, voter=seat.person, content=content)
    poll_close(poll=poll, by=chair)
