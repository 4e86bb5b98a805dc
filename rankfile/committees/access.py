"""Who may see and do what in a committee. Views ask here and nowhere else.

A person who is not an active member gets 404 for a committee's pages: they must not even learn
that a committee exists at that address. A member without the needed role gets 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from rankfile.accounts.models import Person
from rankfile.committees.models import (
    Committee,
    CommitteeClosure,
    Membership,
    Role,
    RoleKind,
)

OFFICER_KINDS = (RoleKind.CHAIR, RoleKind.SECRETARY)


def is_active_member(*, person_id: int, committee_id: int) -> bool:
    return (
        Membership.objects.active().filter(person_id=person_id, committee_id=committee_id).exists()
    )


def committee_ids_of_member(*, person_id: int) -> QuerySet[Membership, int]:
    """The committees where the person is an active member, to filter by (`pk__in=`)."""
    return (
        Membership.objects.active()
        .filter(person_id=person_id)
        .values_list("committee_id", flat=True)
    )


def committee_for_member(*, person: Person, slug: str) -> tuple[Committee, Membership]:
    membership = (
        Membership.objects.active()
        .select_related("committee")
        .filter(person_id=person.pk, committee__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404("No such committee")
    return membership.committee, membership


def membership_for_member(*, person: Person, slug: str, membership_id: int) -> Membership:
    """A membership (of any status: an applicant's, a suspended member's) in a committee the
    person is an active member of; 404 for anyone else."""
    committee, _membership = committee_for_member(person=person, slug=slug)
    membership = Membership.objects.filter(pk=membership_id, committee=committee).first()
    if membership is None:
        raise Http404("No such membership")
    return membership


def officer_roles(*, person: Person, committee: Committee) -> set[str]:
    return set(
        Role.objects.filter(
            committee=committee, person_id=person.pk, ended_at__isnull=True
        ).values_list("kind", flat=True)
    )


def is_officer(*, person: Person, committee: Committee) -> bool:
    return bool(officer_roles(person=person, committee=committee) & set(OFFICER_KINDS))


def committee_for_officer(*, person: Person, slug: str) -> Committee:
    committee, _membership = committee_for_member(person=person, slug=slug)
    if not is_officer(person=person, committee=committee):
        raise PermissionDenied("Only the committee's officers can do this.")
    return committee


def committee_for_chair(*, person: Person, slug: str) -> Committee:
    """Chair-only actions. A committee left without a chair (its last chair erased their
    account) is not stuck: its secretaries may then act as chair, to appoint a new one."""
    committee, _membership = committee_for_member(person=person, slug=slug)
    roles = officer_roles(person=person, committee=committee)
    if RoleKind.CHAIR in roles:
        return committee
    if RoleKind.SECRETARY in roles and not committee_has_chair(committee=committee):
        return committee
    raise PermissionDenied("Only the committee's chair can do this.")


def committee_has_chair(*, committee: Committee) -> bool:
    return Role.objects.filter(
        committee=committee, kind=RoleKind.CHAIR, ended_at__isnull=True
    ).exists()


def committee_for_federation_view(*, person: Person, slug: str) -> Committee:
    """The federation view shows only aggregates, to every active member of the committee or of
    any committee under it."""
    committee = Committee.objects.filter(slug=slug).first()
    if committee is None:
        raise Http404("No such committee")
    below = CommitteeClosure.objects.filter(ancestor_id=committee.pk).values("descendant_id")
    if not Membership.objects.active().filter(person_id=person.pk, committee_id__in=below).exists():
        raise Http404("No such committee")
    return committee


def can_see_contact_details(
    *, viewer: Person, membership: Membership, viewer_roles: set[str]
) -> bool:
    if viewer.pk == membership.person_id:
        return True
    return membership.shares_contact and RoleKind.SECRETARY in viewer_roles
