"""Who may see and do what with a motion. Views ask here and nowhere else.

A motion belongs to its committee: to anyone who is not an active member, its pages are 404.
A draft is its proposer's alone until submitted: 404 to everyone else. A member without the
needed role (an officer, or the proposer) gets 403. A resolution forwarded to a committee above
is seen there by the active members of that committee and of every committee under it.
"""

from __future__ import annotations

import dataclasses

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from rankfile.accounts.models import Person
from rankfile.committees.access import (
    OFFICER_KINDS,
    committee_for_federation_view,
    committee_ids_of_member,
    is_active_member,
    officer_roles,
)
from rankfile.committees.models import (
    Committee,
    CommitteeClosure,
    Role,
)
from rankfile.motions.models import Forwarding, Motion, MotionStatus
from rankfile.strikes.access import campaigns_visible_to
from rankfile.strikes.models import Demand


@dataclasses.dataclass(frozen=True)
class MotionSeat:
    motion: Motion
    is_officer: bool

    @property
    def committee(self) -> Committee:
        return self.motion.committee


def motion_for_member(*, person: Person, motion_id: int) -> MotionSeat:
    motion = Motion.objects.select_related("committee", "proposer").filter(pk=motion_id).first()
    if (
        motion is None
        or not is_active_member(person_id=person.pk, committee_id=motion.committee_id)
        or (motion.status == MotionStatus.DRAFT and motion.proposer_id != person.pk)
    ):
        raise Http404("No such motion")
    roles = officer_roles(person=person, committee=motion.committee)
    return MotionSeat(motion=motion, is_officer=bool(roles & set(OFFICER_KINDS)))


def motion_for_officer(*, person: Person, motion_id: int) -> Motion:
    seat = motion_for_member(person=person, motion_id=motion_id)
    if not seat.is_officer:
        raise PermissionDenied("Only the committee's officers can do this.")
    return seat.motion


def motion_for_proposer(*, person: Person, motion_id: int) -> Motion:
    seat = motion_for_member(person=person, motion_id=motion_id)
    if seat.motion.proposer_id != person.pk:
        raise PermissionDenied("Only the proposer can do this.")
    return seat.motion


def demands_to_pick(*, person: Person, committee: Committee) -> QuerySet[Demand]:
    """Catalogue demands the person may pick from: those of campaigns they can see and of their
    committee's motions. Not the whole catalogue: a demand can say where it comes from."""
    campaigns = campaigns_visible_to(person=person).values("pk")
    return (
        Demand.objects.filter(
            Q(campaigns__pk__in=campaigns)
            | Q(motions__committee=committee, motions__status__in=_public_statuses())
        )
        .distinct()
        .order_by("text")
    )


def _public_statuses() -> list[str]:
    return [status for status in MotionStatus.values if status != MotionStatus.DRAFT]


def forwarding_for_viewer(*, person: Person, slug: str, motion_id: int) -> Forwarding:
    parent = committee_for_federation_view(person=person, slug=slug)
    forwarding = (
        Forwarding.objects.select_related("motion__committee", "parent", "forwarded_by")
        .filter(parent=parent, motion_id=motion_id)
        .first()
    )
    if forwarding is None:
        raise Http404("No such resolution")
    return forwarding


def committees_for_endorsement(*, person: Person, forwarding: Forwarding) -> list[Committee]:
    """Committees under the parent, other than the one that adopted the resolution, where the
    person is an active officer. 403 when there are none."""
    below = CommitteeClosure.objects.filter(ancestor_id=forwarding.parent_id, depth__gt=0).values(
        "descendant_id"
    )
    officer_of = Role.objects.filter(
        person_id=person.pk, kind__in=OFFICER_KINDS, ended_at__isnull=True
    ).values("committee_id")
    committees = list(
        Committee.objects.filter(pk__in=below)
        .filter(pk__in=committee_ids_of_member(person_id=person.pk))
        .filter(pk__in=officer_of)
        .exclude(pk=forwarding.motion.committee_id)
        .order_by("name")
    )
    if not committees:
        raise PermissionDenied("Only the officers of a committee under this one endorse.")
    return committees
