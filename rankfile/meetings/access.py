"""Who may see and do what with a meeting. Views ask here and nowhere else.

A meeting belongs to its committee: to anyone who is not an active member of that committee
its pages are 404 (they must not learn that it exists, nor where it is held). A member
without an officer role (chair or secretary) gets 403 for the officers' actions. Minutes are
read by every member from the first draft, marked "draft" until approved.
"""

from __future__ import annotations

import dataclasses

from django.core.exceptions import PermissionDenied
from django.http import Http404

from rankfile.accounts.models import Person
from rankfile.committees.access import OFFICER_KINDS, is_active_member, officer_roles
from rankfile.committees.models import Membership
from rankfile.meetings.models import Meeting, Minutes, Petition


@dataclasses.dataclass(frozen=True)
class MeetingSeat:
    """A member's view of a meeting: the meeting, and whether they are one of its officers."""

    meeting: Meeting
    is_officer: bool


def meeting_for_member(*, person: Person, meeting_id: int) -> MeetingSeat:
    meeting = Meeting.objects.select_related("committee").filter(pk=meeting_id).first()
    if meeting is None or not is_active_member(
        person_id=person.pk, committee_id=meeting.committee_id
    ):
        raise Http404("No such meeting")
    roles = officer_roles(person=person, committee=meeting.committee)
    return MeetingSeat(meeting=meeting, is_officer=bool(roles & set(OFFICER_KINDS)))


def meeting_member(*, meeting: Meeting, person_id: int) -> Person:
    """An active member of the meeting's committee (someone an officer ticks in or takes off
    the speakers' list); 404 for anyone else."""
    member = Person.objects.filter(
        pk=person_id,
        pk__in=Membership.objects.active()
        .filter(committee_id=meeting.committee_id)
        .values("person_id"),
    ).first()
    if member is None:
        raise Http404("No such member")
    return member


def meeting_to_watch(*, person_id: int, meeting_id: int) -> Meeting | None:
    """The meeting, when the person may watch its page live (an active member of its
    committee); None otherwise, for the socket to refuse."""
    meeting = Meeting.objects.only("committee_id").filter(pk=meeting_id).first()
    if meeting is None or not is_active_member(
        person_id=person_id, committee_id=meeting.committee_id
    ):
        return None
    return meeting


def meeting_for_officer(*, person: Person, meeting_id: int) -> Meeting:
    seat = meeting_for_member(person=person, meeting_id=meeting_id)
    if not seat.is_officer:
        raise PermissionDenied("Only the committee's officers can do this.")
    return seat.meeting


def minutes_for_reader(*, person: Person, meeting_id: int) -> tuple[Minutes, bool]:
    """The minutes of a meeting and whether the reader is an officer. Every member reads them
    from the first draft (marked as one), so that those who missed the meeting know what is
    to be approved."""
    seat = meeting_for_member(person=person, meeting_id=meeting_id)
    minutes = Minutes.objects.filter(meeting=seat.meeting).first()
    if minutes is None:
        raise Http404("No minutes")
    return minutes, seat.is_officer


def minutes_for_officer(*, person: Person, meeting_id: int) -> Minutes:
    meeting = meeting_for_officer(person=person, meeting_id=meeting_id)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        raise Http404("No minutes")
    return minutes


def petition_for_member(*, person: Person, petition_id: int) -> Petition:
    petition = Petition.objects.select_related("committee").filter(pk=petition_id).first()
    if petition is None or not is_active_member(
        person_id=person.pk, committee_id=petition.committee_id
    ):
        raise Http404("No such petition")
    return petition
