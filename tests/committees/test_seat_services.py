"""Delegate seats: an accepted affiliation, an active member, and no more than the bylaws allow."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from rankfile.audit.models import AuditEvent
from rankfile.committees import services
from rankfile.committees.models import (
    Committee,
    DelegateSeat,
    MembershipStatus,
    SeatEndReason,
)
from rankfile.core.errors import RuleViolation
from tests.factories import (
    active_count_in_database,
    chair_of,
    make_committee,
    make_member,
    make_person,
    make_seat,
    request_affiliation,
    set_bylaws,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def parent() -> Committee:
    return make_committee("coordinating", name="Transit")


@pytest.fixture
def child(parent: Committee) -> Committee:
    return make_committee(name="Garage", parent=parent)


def test_it_seats_an_active_member_on_the_parent_and_makes_them_a_member_there(parent, child):
    delegate = make_member(child).person
    term_ends_at = timezone.now() + timedelta(days=365)
    seat = services.seat_assign(
        parent=parent,
        committee=child,
        person=delegate,
        by=chair_of(child),
        term_ends_at=term_ends_at,
    )
    assert (seat.parent, seat.committee, seat.person) == (parent, child, delegate)
    assert seat.term_ends_at == term_ends_at
    assert delegate.memberships.get(committee=parent).status == MembershipStatus.ACTIVE
    parent.refresh_from_db()
    assert parent.active_member_count == active_count_in_database(parent) == 2


def test_it_records_the_seat_in_the_logs_of_both_committees(parent, child):
    delegate = make_member(child).person
    make_seat(child, parent, delegate)
    for committee in (parent, child):
        event = AuditEvent.objects.filter(committee=committee).latest("id")
        assert (event.verb, event.subject, event.actor) == (
            "seat.assigned",
            delegate,
            chair_of(child),
        )


def test_it_refuses_a_seat_on_a_committee_that_has_not_accepted_the_child(parent):
    asking = make_committee(name="Depot")
    request_affiliation(asking, parent)
    with pytest.raises(RuleViolation, match="Depot is not a member committee of Transit"):
        make_seat(asking, parent, chair_of(asking))
    assert not DelegateSeat.objects.exists()


def test_it_refuses_a_seat_to_someone_not_active_in_the_child(parent, child):
    applicant = make_member(child, status=MembershipStatus.APPLIED).person
    for person in (applicant, make_person()):
        with pytest.raises(RuleViolation, match="must be an active member"):
            make_seat(child, parent, person)
    assert not DelegateSeat.objects.exists()


def test_it_allows_two_seats_per_delegation_by_default(parent, child):
    first, second, third = (make_member(child).person for _ in range(3))
    make_seat(child, parent, first)
    make_seat(child, parent, second)
    with pytest.raises(RuleViolation, match="Garage already fills its 2 seats on Transit"):
        make_seat(child, parent, third)
    assert DelegateSeat.objects.count() == 2


def test_it_allows_the_seats_the_parent_bylaws_say(parent, child):
    set_bylaws(parent, seats_per_delegation=1)
    first, second = (make_member(child).person for _ in range(2))
    make_seat(child, parent, first)
    with pytest.raises(RuleViolation, match="already fills its 1 seats"):
        make_seat(child, parent, second)


def test_it_frees_a_seat_when_one_ends(parent, child):
    set_bylaws(parent, seats_per_delegation=1)
    first, second = (make_member(child).person for _ in range(2))
    seat = make_seat(child, parent, first)
    services.seat_end(seat=seat, by=chair_of(child))
    assert make_seat(child, parent, second).person == second


def test_it_refuses_a_second_seat_for_the_same_person_on_the_same_parent(parent, child):
    delegate = make_member(child).person
    make_seat(child, parent, delegate)
    with pytest.raises(RuleViolation, match=f"{delegate.handle} already holds a seat there"):
        make_seat(child, parent, delegate)


def test_it_ends_a_seat_and_the_delegate_membership_of_the_parent(parent, child):
    delegate = make_member(child).person
    seat = make_seat(child, parent, delegate)
    ended = services.seat_end(seat=seat, by=chair_of(child), reason=SeatEndReason.RECALL)
    assert (ended.end_reason, ended.ended_at is not None) == ("recall", True)
    assert delegate.memberships.get(committee=parent).status == MembershipStatus.LEFT
    parent.refresh_from_db()
    assert parent.active_member_count == active_count_in_database(parent) == 1
    event = AuditEvent.objects.filter(committee=parent).latest("id")
    assert (event.verb, event.data["reason"]) == ("seat.ended", "recall")


def test_it_keeps_an_officer_of_the_parent_a_member_there_when_their_seat_ends(parent, child):
    delegate = make_member(child).person
    seat = make_seat(child, parent, delegate)
    services.role_assign(committee=parent, person=delegate, kind="secretary", by=chair_of(parent))
    services.seat_end(seat=seat, by=chair_of(child))
    assert delegate.memberships.get(committee=parent).status == MembershipStatus.ACTIVE


def test_it_refuses_to_end_a_seat_twice(parent, child):
    seat = make_seat(child, parent, make_member(child).person)
    services.seat_end(seat=seat, by=chair_of(child))
    with pytest.raises(RuleViolation, match="already ended"):
        services.seat_end(seat=seat, by=chair_of(child))
