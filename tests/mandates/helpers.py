"""A coordinating committee with a motion on its agenda, a member committee that mandates its
delegate, the delegate's roll-call vote: all through the real services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee
from rankfile.mandates import services
from rankfile.meetings.models import Attendance, Meeting
from rankfile.meetings.services import meeting_close, meeting_start
from rankfile.motions import services as motion_services
from rankfile.motions.models import Motion
from rankfile.votes.models import Poll
from rankfile.votes.services import ballot_cast, poll_close
from tests.factories import chair_of, make_member
from tests.meetings.helpers import check_in, make_meeting, make_open_meeting
from tests.motions.helpers import fresh, make_motion_on_agenda, vote_and_close

PARENT_MOTION = "Join the January strike"


def parent_meeting_with_motion(coordinating: Committee) -> tuple[Meeting, Motion]:
    """A delegates' meeting of the coordinating committee, starting in a minute, with a motion
    on its agenda."""
    meeting = make_meeting(
        coordinating,
        title="Delegates' meeting",
        starts_at=timezone.now() + timedelta(minutes=1),
    )
    motion = make_motion_on_agenda(coordinating, meeting, title=PARENT_MOTION)
    return meeting, motion


def check_in_everyone(meeting: Meeting) -> None:
    """The whole committee in the room (quorum)."""
    people = Person.objects.filter(
        memberships__committee=meeting.committee, memberships__status="active"
    ).exclude(pk__in=Attendance.objects.filter(meeting=meeting).values("person_id"))
    check_in(meeting, *people)


def adopt_mandate(committee: Committee, *, target: str, position: str, by: Person) -> Motion:
    """Move the mandate, second it, vote it in a meeting of the committee: adopted."""
    motion = services.mandate_propose(committee=committee, by=by, target=target, position=position)
    return adopt_in_a_meeting(motion, by=by)


def adopt_in_a_meeting(motion: Motion, *, by: Person) -> Motion:
    """Second the motion, put it to the vote in a meeting of its committee, `by` votes yes."""
    committee = motion.committee
    motion = motion_services.motion_second(motion=motion, by=make_member(committee).person)
    meeting = make_open_meeting(committee, title="Mandate meeting")
    check_in_everyone(meeting)
    chair = chair_of(committee)
    motion_services.motion_put_on_agenda(motion=motion, meeting=meeting, by=chair)
    motion = motion_services.motion_put_to_vote(motion=motion, by=chair)
    motion = vote_and_close(motion, yes=[by])
    meeting_close(meeting=meeting, by=chair)
    return motion


def open_parent_vote(meeting: Meeting, motion: Motion) -> Poll:
    """Start the parent meeting (everyone checked in) and put its motion to a roll-call vote."""
    chair = chair_of(motion.committee)
    if meeting.status == "scheduled":
        meeting = meeting_start(meeting=meeting, by=chair)
    check_in_everyone(meeting)
    motion_services.motion_put_to_vote(motion=motion, by=chair, is_secret=False)
    return fresh(motion).polls.get(status="open")


def delegates_vote(meeting: Meeting, motion: Motion, votes: dict[Person, str]) -> Poll:
    """The roll-call vote on the parent's motion, cast and closed."""
    poll = open_parent_vote(meeting, motion)
    for person, content in votes.items():
        ballot_cast(poll=poll, voter=person, content=content)
    return poll_close(poll=poll, by=chair_of(motion.committee))


def close_parent_meeting_after_a_vote(
    committee: Committee, coordinating: Committee, delegate: Person, member: Person
) -> Meeting:
    """The committee mandates "yes"; its delegate votes "no" by roll call; the meeting above
    closes (and sends its report-back down)."""
    meeting, motion = parent_meeting_with_motion(coordinating)
    adopt_mandate(committee, target=f"motion:{motion.pk}", position="yes", by=member)
    delegates_vote(meeting, motion, {delegate: "no"})
    return meeting_close(meeting=meeting, by=chair_of(coordinating))
