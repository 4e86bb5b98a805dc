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
from django.db.models import QuerySet
from django.http import Http404

from rankfile.accounts.models import Person
from rankfile.committees.access import committee_ids_of_member, is_officer
from rankfile.committees.models import Membership, MembershipStatus
from rankfile.votes.models import Elector, Nomination, Poll


def _polls_of_member(person: Person) -> QuerySet[Poll]:
    return Poll.objects.select_related("committee").filter(
        committee_id__in=committee_ids_of_member(person_id=person.pk)
    )


def may_watch_poll(*, person_id: int, poll_id: int) -> bool:
    """Whether the person may watch the poll's page live: an active member of its committee."""
    return Poll.objects.filter(
        pk=poll_id, committee_id__in=committee_ids_of_member(person_id=person_id)
    ).exists()


def poll_for_member(*, person: Person, poll_id: int) -> Poll:
    poll = _polls_of_member(person).filter(pk=poll_id).first()
    if poll is None:
        raise Http404("No such poll")
    return poll


def poll_for_elector(*, person: Person, poll_id: int) -> Poll:
    """The poll, for casting: 404 for a non-member, 403 for a member outside the electorate
    frozen at opening (a draft has none yet: the service says why it cannot be cast).

    One plain query, written out: this is the path 5,000 people take within a minute of a mass
    meeting, and building the same query through the ORM cost more than running it."""
    sql = (
        f"SELECT p.*, EXISTS(SELECT 1 FROM {Elector._meta.db_table} e"
        " WHERE e.poll_id = p.id AND e.person_id = %s) AS is_elector"
        f" FROM {Poll._meta.db_table} p WHERE p.id = %s AND EXISTS(SELECT 1 FROM"
        f" {Membership._meta.db_table} m WHERE m.committee_id = p.committee_id"
        " AND m.person_id = %s AND m.status = %s)"
    )
    found = list(
        Poll.objects.raw(sql, [person.pk, poll_id, person.pk, MembershipStatus.ACTIVE.value])
    )
    if not found:
        raise Http404("No such poll")
    poll = found[0]
    if poll.opened_at is not None and not getattr(poll, "is_elector", False):
        raise PermissionDenied("Only the electorate of this vote can cast a ballot.")
    return poll


def poll_for_officer(*, person: Person, poll_id: int) -> Poll:
    poll = poll_for_member(person=person, poll_id=poll_id)
    if not is_officer(person=person, committee=poll.committee):
        raise PermissionDenied("Only the committee's officers can do this.")
    return poll


def nomination_for_nominee(*, person: Person, poll: Poll, nomination_id: int) -> Nomination:
    nomination = Nomination.objects.filter(pk=nomination_id, poll_id=poll.pk).first()
    if nomination is None:
        raise Http404("No such nomination")
    if nomination.person_id != person.pk:
        raise PermissionDenied("Only the person nominated can answer.")
    nomination.poll = poll
    return nomination
