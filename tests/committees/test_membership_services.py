"""Suspend, reinstate, leave, roles: `active_member_count` always equals the real count."""

from __future__ import annotations

import pytest

from rankfile.accounts.services import account_erase
from rankfile.audit.models import AuditEvent
from rankfile.committees import services
from rankfile.committees.models import (
    Committee,
    DelegateSeat,
    MembershipStatus,
    Role,
    RoleKind,
)
from rankfile.core.errors import RuleViolation
from tests.factories import (
    active_count_in_database,
    chair_of,
    make_committee,
    make_member,
    make_person,
    make_seat,
    set_bylaws,
)

pytestmark = pytest.mark.django_db


def assert_count_is_true(committee: Committee, expected: int) -> None:
    committee.refresh_from_db()
    assert committee.active_member_count == active_count_in_database(committee) == expected


def test_it_keeps_the_count_equal_to_the_active_memberships_through_a_whole_life():
    parent = make_committee("coordinating")
    committee = make_committee(parent=parent)
    chair = chair_of(committee)
    set_bylaws(committee, vouches_needed=1)
    assert_count_is_true(committee, 1)

    first, second, third, fourth = (
        make_member(committee, status=MembershipStatus.APPLIED) for _ in range(4)
    )
    assert_count_is_true(committee, 1)
    services.membership_approve(membership=first, by=chair)
    assert_count_is_true(committee, 2)
    services.membership_vouch(membership=second, by=first.person)
    assert_count_is_true(committee, 3)
    services.membership_approve(membership=third, by=chair)
    assert_count_is_true(committee, 4)

    services.membership_suspend(membership=first, by=chair)
    assert_count_is_true(committee, 3)
    services.membership_reinstate(membership=first, by=chair)
    assert_count_is_true(committee, 4)

    services.membership_leave(membership=second, by=second.person)
    assert_count_is_true(committee, 3)
    services.membership_leave(membership=fourth, by=fourth.person)
    assert_count_is_true(committee, 3)

    make_seat(committee, parent, third.person)
    assert_count_is_true(parent, 2)
    services.membership_suspend(membership=third, by=chair)
    assert_count_is_true(committee, 2)
    assert_count_is_true(parent, 1)

    account_erase(person=first.person)
    assert_count_is_true(committee, 1)


def test_it_takes_a_suspended_member_out_of_their_roles_and_seats():
    parent = make_committee("coordinating")
    committee = make_committee(parent=parent)
    member = make_member(committee).person
    services.role_assign(
        committee=committee, person=member, kind="secretary", by=chair_of(committee)
    )
    make_seat(committee, parent, member)
    services.membership_suspend(
        membership=member.memberships.get(committee=committee), by=chair_of(committee)
    )
    assert not Role.objects.filter(person=member, ended_at__isnull=True).exists()
    assert not DelegateSeat.objects.filter(person=member, ended_at__isnull=True).exists()
    assert member.memberships.get(committee=parent).status == MembershipStatus.LEFT
    assert AuditEvent.objects.filter(committee=committee).latest("id").verb == (
        "membership.suspended"
    )


def test_it_refuses_to_suspend_oneself():
    committee = make_committee()
    chair = chair_of(committee)
    with pytest.raises(RuleViolation, match="cannot suspend yourself"):
        services.membership_suspend(membership=chair.memberships.get(), by=chair)
    assert_count_is_true(committee, 1)


def test_it_refuses_to_suspend_someone_not_active():
    committee = make_committee()
    suspended = make_member(committee, status=MembershipStatus.SUSPENDED)
    with pytest.raises(RuleViolation, match="Only an active member can be suspended"):
        services.membership_suspend(membership=suspended, by=chair_of(committee))
    assert_count_is_true(committee, 1)


def test_it_refuses_to_let_a_secretary_suspend_the_only_chair():
    committee = make_committee()
    chair = chair_of(committee)
    secretary = make_member(committee).person
    services.role_assign(committee=committee, person=secretary, kind="secretary", by=chair)
    with pytest.raises(RuleViolation, match="only chair"):
        services.membership_suspend(membership=chair.memberships.get(), by=secretary)
    assert chair_of(committee) == chair
    assert_count_is_true(committee, 2)


def test_it_refuses_to_reinstate_someone_not_suspended():
    committee = make_committee()
    member = make_member(committee)
    with pytest.raises(RuleViolation, match="Only a suspended member can be reinstated"):
        services.membership_reinstate(membership=member, by=chair_of(committee))
    assert_count_is_true(committee, 2)


def test_it_records_a_reinstatement():
    committee = make_committee()
    suspended = make_member(committee, status=MembershipStatus.SUSPENDED)
    services.membership_reinstate(membership=suspended, by=chair_of(committee))
    event = AuditEvent.objects.filter(committee=committee).latest("id")
    assert (event.verb, event.subject) == ("membership.reinstated", suspended.person)


def test_it_records_a_departure_and_ends_the_roles_of_who_leaves():
    committee = make_committee()
    secretary = make_member(committee)
    services.role_assign(
        committee=committee, person=secretary.person, kind="secretary", by=chair_of(committee)
    )
    left = services.membership_leave(membership=secretary, by=secretary.person)
    assert (left.status, left.left_at is not None) == (MembershipStatus.LEFT, True)
    assert not Role.objects.filter(person=secretary.person, ended_at__isnull=True).exists()
    assert AuditEvent.objects.filter(committee=committee).latest("id").verb == "membership.left"


def test_it_refuses_to_let_the_last_chair_leave_while_others_remain():
    committee = make_committee()
    make_member(committee)
    chair = chair_of(committee)
    with pytest.raises(RuleViolation, match="You are the only chair"):
        services.membership_leave(membership=chair.memberships.get(), by=chair)
    assert_count_is_true(committee, 2)


def test_it_lets_a_chair_leave_once_there_is_another_chair():
    committee = make_committee()
    chair = chair_of(committee)
    successor = make_member(committee).person
    services.role_assign(committee=committee, person=successor, kind="chair", by=chair)
    services.membership_leave(membership=chair.memberships.get(), by=chair)
    assert chair_of(committee) == successor
    assert_count_is_true(committee, 1)


def test_it_refuses_to_let_someone_leave_twice():
    committee = make_committee()
    left = make_member(committee, status=MembershipStatus.LEFT)
    with pytest.raises(RuleViolation, match="You are not in this committee"):
        services.membership_leave(membership=left, by=left.person)
    assert_count_is_true(committee, 1)


def test_it_gives_a_role_to_an_active_member_and_records_it():
    committee = make_committee()
    member = make_member(committee).person
    role = services.role_assign(
        committee=committee, person=member, kind=RoleKind.SECRETARY, by=chair_of(committee)
    )
    assert (role.person, role.kind, role.ended_at) == (member, "secretary", None)
    event = AuditEvent.objects.filter(committee=committee).latest("id")
    assert (event.verb, event.subject, event.data) == (
        "role.assigned",
        member,
        {"role": "secretary"},
    )


def test_it_refuses_a_role_to_someone_not_active_in_the_committee():
    committee = make_committee()
    applicant = make_member(committee, status=MembershipStatus.APPLIED).person
    for person in (applicant, make_person()):
        with pytest.raises(RuleViolation, match="Only an active member can hold a role"):
            services.role_assign(
                committee=committee, person=person, kind="secretary", by=chair_of(committee)
            )
    assert Role.objects.count() == 1


def test_it_refuses_a_role_the_member_already_holds():
    committee = make_committee()
    chair = chair_of(committee)
    with pytest.raises(RuleViolation, match=f"{chair.handle} already holds this role"):
        services.role_assign(committee=committee, person=chair, kind="chair", by=chair)


def test_it_refuses_an_unknown_role():
    committee = make_committee()
    member = make_member(committee).person
    with pytest.raises(RuleViolation, match="Unknown role"):
        services.role_assign(committee=committee, person=member, kind="king", by=member)


def test_it_ends_a_role_and_records_it():
    committee = make_committee()
    member = make_member(committee).person
    role = services.role_assign(
        committee=committee, person=member, kind="secretary", by=chair_of(committee)
    )
    ended = services.role_end(role=role, by=chair_of(committee))
    assert ended.ended_at is not None
    assert AuditEvent.objects.filter(committee=committee).latest("id").verb == "role.ended"


def test_it_refuses_to_end_the_last_chair_role():
    committee = make_committee()
    role = Role.objects.get(committee=committee)
    with pytest.raises(RuleViolation, match="A committee needs a chair"):
        services.role_end(role=role, by=role.person)
    role.refresh_from_db()
    assert role.ended_at is None


def test_it_refuses_to_end_a_role_twice():
    committee = make_committee()
    member = make_member(committee).person
    role = services.role_assign(
        committee=committee, person=member, kind="secretary", by=chair_of(committee)
    )
    services.role_end(role=role, by=chair_of(committee))
    with pytest.raises(RuleViolation, match="already ended"):
        services.role_end(role=role, by=chair_of(committee))
