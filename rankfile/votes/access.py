"""Who may see and do what with a poll. Views ask here and nowhere else.

* A poll is seen by the active members of its committee; to everyone else its pages (the
  results and the board included) are 404. A published board is shared beyond the committee by
  a member who downloads it, not by the server.
* Creating, opening and closing polls: the committee's officers (chair or secretary), else 403.
* Casting: only electors (frozen when the poll opened), else 403.
* Nominating: any member; accepting or withdrawing a nomination: the nominee, else 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from rankfile.accounts.models import Person
from rankfile.committees.access import is_officer
from rankfile.committees.models import MembershipStatus
from rankfile.votes.models import Elector, Nomination, Poll


def poll_for_member(*, person: Person, poll_id: int) -> Poll:
    poll = (
        Poll.objects.select_related("committee")
        .filter(
            pk=poll_id,
            committee__memberships__person_id=person.pk,
            committee__memberships__status=MembershipStatus.ACTIVE,
        )
        .first()
    )
    if poll is None:
        raise Http404("No such poll")
    return poll


def poll_for_officer(*, person: Person, poll_id: int) -> Poll:
    poll = poll_for_member(person=person, poll_id=poll_id)
    if not is_officer(person=person, committee=poll.committee):
        raise PermissionDenied("Only the committee's officers can do this.")
    return poll


def is_elector(*, person: Person, poll: Poll) -> bool:
    return Elector.objects.filter(poll_id=poll.pk, person_id=person.pk).exists()


def elector_check(*, person: Person, poll: Poll) -> None:
    """Casting is for the electorate frozen when the poll opened. A draft poll has none yet: the
    service then says why the vote cannot be cast."""
    if poll.opened_at is not None and not is_elector(person=person, poll=poll):
        raise PermissionDenied("Only the electorate of this vote can cast a ballot.")


def nomination_for_nominee(*, person: Person, poll: Poll, nomination_id: int) -> Nomination:
    nomination = Nomination.objects.filter(pk=nomination_id, poll_id=poll.pk).first()
    if nomination is None:
        raise Http404("No such nomination")
    if nomination.person_id != person.pk:
        raise PermissionDenied("Only the person nominated can answer.")
    nomination.poll = poll
    return nomination
