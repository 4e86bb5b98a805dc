"""A committee whose last chair erased their account can appoint a new chair; a suspended
member of a coordinating committee cannot be seated there again by another committee."""

from __future__ import annotations

import pytest
from django.test import Client

from rankfile.accounts.services import account_erase
from rankfile.committees import services
from rankfile.committees.models import Committee, MembershipStatus, Role, RoleKind
from rankfile.core.errors import RuleViolation
from tests.factories import (
    active_count_in_database,
    chair_of,
    logged_in,
    make_committee,
    make_member,
    make_person,
)

pytestmark = pytest.mark.django_db


def test_it_lets_a_secretary_appoint_a_chair_when_the_last_chair_erased_their_account(
    client: Client,
) -> None:
    committee = make_committee()
    chair = chair_of(committee)
    secretary = make_member(committee).person
    services.role_assign(committee=committee, person=secretary, kind=RoleKind.SECRETARY, by=chair)
    successor = make_member(committee).person
    account_erase(person=chair)

    response = logged_in(client, secretary).post(
        f"/c/{committee.slug}/roles/", {"handle": successor.handle, "kind": "chair"}
    )

    assert response.status_code == 302
    assert Role.objects.filter(
        committee=committee, person=successor, kind=RoleKind.CHAIR, ended_at__isnull=True
    ).exists()


def test_it_keeps_chair_actions_from_a_secretary_while_there_is_a_chair(client: Client) -> None:
    committee = make_committee()
    secretary = make_member(committee).person
    services.role_assign(
        committee=committee, person=secretary, kind=RoleKind.SECRETARY, by=chair_of(committee)
    )
    other = make_member(committee).person

    response = logged_in(client, secretary).post(
        f"/c/{committee.slug}/roles/", {"handle": other.handle, "kind": "chair"}
    )

    assert response.status_code == 403
    assert not Role.objects.filter(committee=committee, person=other).exists()


def test_it_ends_the_seat_of_a_delegate_suspended_there_and_refuses_a_new_one() -> None:
    parent: Committee = make_committee("coordinating", sector="mixed")
    first = make_committee(parent=parent)
    second = make_committee(parent=parent)
    person = make_member(first).person
    make_member(second, person)
    services.seat_assign(parent=parent, committee=first, person=person, by=chair_of(first))
    parent_membership = person.memberships.get(committee=parent)
    services.membership_suspend(membership=parent_membership, by=chair_of(parent))

    first_seat = person.seats.get(committee=first)
    assert first_seat.ended_at is not None
    assert (
        active_count_in_database(parent) == Committee.objects.get(pk=parent.pk).active_member_count
    )

    with pytest.raises(RuleViolation, match="suspended"):
        services.seat_assign(parent=parent, committee=second, person=person, by=chair_of(second))

    parent_membership.refresh_from_db()
    assert parent_membership.status == MembershipStatus.SUSPENDED
    assert not person.seats.filter(committee=second).exists()


def test_it_gives_a_second_committee_with_the_same_name_its_own_address() -> None:
    founder = make_person()
    first = services.committee_found(
        by=founder, name="Depot", kind="workplace", sector="transit", region="US/MN"
    )
    second = services.committee_found(
        by=founder, name="Depot", kind="workplace", sector="transit", region="US/MN"
    )
    assert first.slug != second.slug
