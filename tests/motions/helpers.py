"""Motion helpers on top of tests.factories and tests.meetings.helpers. Everything goes
through the real services (the votes app's too, for a vote)."""

from __future__ import annotations

from rankfile.accounts.models import Person
from rankfile.committees.models import PARENT_KINDS, Committee
from rankfile.meetings.models import Meeting
from rankfile.motions import services
from rankfile.motions.models import Motion
from rankfile.votes.services import ballot_cast, poll_close
from tests.factories import chair_of, make_member
from tests.meetings.helpers import check_in, make_open_meeting

TEXT = "The committee demands higher wages for every driver."


def make_motion(
    committee: Committee,
    *,
    by: Person | None = None,
    title: str = "Wages",
    text: str = TEXT,
    demands: list[str] | None = None,
    submitted: bool = True,
    seconded_by: Person | None = None,
) -> Motion:
    """A motion by `by` (a new member when None), submitted by default; seconded when
    `seconded_by` is given."""
    by = by or make_member(committee).person
    motion = services.motion_create(
        committee=committee, by=by, title=title, text=text, new_demands=demands or []
    )
    if submitted:
        motion = services.motion_submit(motion=motion, by=by)
    if seconded_by is not None:
        motion = services.motion_second(motion=motion, by=seconded_by)
    return motion


def make_motion_on_agenda(committee: Committee, meeting: Meeting, **options: object) -> Motion:
    seconder = make_member(committee).person
    motion = make_motion(committee, seconded_by=seconder, **options)  # type: ignore[arg-type]
    return services.motion_put_on_agenda(motion=motion, meeting=meeting, by=chair_of(committee))


def fresh(motion: Motion) -> Motion:
    return Motion.objects.get(pk=motion.pk)


def vote_and_close(motion: Motion, *, yes: list[Person], no: list[Person] = ()) -> Motion:  # type: ignore[assignment]
    """Cast the ballots in the motion's open poll, close it (the votes app settles the motion)."""
    poll = motion.polls.get(status="open")
    for person in yes:
        ballot_cast(poll=poll, voter=person, content="yes")
    for person in no:
        ballot_cast(poll=poll, voter=person, content="no")
    poll_close(poll=poll, by=chair_of(motion.committee))
    return fresh(motion)


def adopt_in_meeting(motion: Motion, *, electors: list[Person] | None = None) -> Motion:
    """Take a submitted motion the whole way as its committee would: an elector seconds it,
    the chair puts it on the agenda of a meeting in progress, the electors (three new members
    when None; in a coordinating committee, give its delegates) check in and vote yes, and the
    chair closes the vote."""
    committee = motion.committee
    chair = chair_of(committee)
    if electors is None:
        electors = [make_member(committee).person for _ in range(3)]
    meeting = make_open_meeting(committee, title=f"Meeting on {motion.title}")
    check_in(meeting, chair, *electors)
    motion = services.motion_second(motion=motion, by=electors[0])
    motion = services.motion_put_on_agenda(motion=motion, meeting=meeting, by=chair)
    motion = services.motion_put_to_vote(motion=motion, by=chair)
    voters = electors if committee.kind in PARENT_KINDS else [chair, *electors]
    return vote_and_close(motion, yes=voters)
