"""Admission: the vouches the bylaws ask (inherited from the nearest ancestor), or approval."""

from __future__ import annotations

import pytest

from rankfile.audit.models import AuditEvent
from rankfile.committees import services
from rankfile.committees.bylaws import Bylaws, bylaws_effective
from rankfile.committees.models import MembershipStatus, Vouch
from rankfile.core.errors import RuleViolation
from tests.factories import (
    active_count_in_database,
    chair_of,
    make_affiliation,
    make_committee,
    make_member,
    make_person,
    set_bylaws,
)

pytestmark = pytest.mark.django_db


def test_it_asks_one_vouch_by_default():
    committee = make_committee()
    assert bylaws_effective(committee=committee) == Bylaws()
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    admitted = services.membership_vouch(membership=applicant, by=chair_of(committee))
    assert admitted.status == MembershipStatus.ACTIVE
    assert admitted.joined_at is not None
    committee.refresh_from_db()
    assert committee.active_member_count == active_count_in_database(committee) == 2


def test_it_records_the_vouch_and_the_admission():
    committee = make_committee()
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    services.membership_vouch(membership=applicant, by=chair_of(committee))
    vouched, admitted = AuditEvent.objects.filter(committee=committee).order_by("-id")[:2][::-1]
    assert (vouched.verb, vouched.actor, vouched.subject) == (
        "membership.vouched",
        chair_of(committee),
        applicant.person,
    )
    assert (admitted.verb, admitted.is_by_system, admitted.subject) == (
        "membership.admitted",
        True,
        applicant.person,
    )


def test_it_asks_two_vouches_when_the_parent_committee_says_two():
    parent = make_committee("coordinating")
    set_bylaws(parent, vouches_needed=2)
    committee = make_committee(parent=parent)
    second_voucher = make_member(committee).person
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    assert services.membership_vouch(membership=applicant, by=chair_of(committee)).status == (
        MembershipStatus.APPLIED
    )
    assert services.membership_vouch(membership=applicant, by=second_voucher).status == (
        MembershipStatus.ACTIVE
    )


def test_it_inherits_from_the_nearest_ancestor():
    alliance = make_committee("alliance")
    set_bylaws(alliance, vouches_needed=3, k_anonymity=10)
    region = make_committee("coordinating", parent=alliance)
    set_bylaws(region, vouches_needed=2)
    committee = make_committee(parent=region)
    bylaws = bylaws_effective(committee=committee)
    assert (bylaws.vouches_needed, bylaws.k_anonymity) == (2, 10)


def test_it_prefers_the_committee_own_bylaws_to_inherited_ones():
    parent = make_committee("coordinating")
    set_bylaws(parent, vouches_needed=3)
    committee = make_committee(parent=parent)
    set_bylaws(committee, vouches_needed=1)
    assert bylaws_effective(committee=committee).vouches_needed == 1


def test_it_stops_inheriting_when_the_affiliation_ends():
    parent = make_committee("coordinating")
    set_bylaws(parent, vouches_needed=3)
    committee = make_committee()
    link = make_affiliation(committee, parent)
    assert bylaws_effective(committee=committee).vouches_needed == 3
    services.affiliation_end(affiliation=link, by=chair_of(committee))
    assert bylaws_effective(committee=committee).vouches_needed == 1


def test_it_refuses_a_vouch_from_someone_not_active_in_the_committee():
    committee = make_committee()
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    other_applicant = make_member(committee, status=MembershipStatus.APPLIED)
    for stranger in (make_person(), other_applicant.person):
        with pytest.raises(RuleViolation, match="Only active members can vouch"):
            services.membership_vouch(membership=applicant, by=stranger)
    assert not Vouch.objects.exists()


def test_it_refuses_a_vouch_for_oneself():
    committee = make_committee()
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    with pytest.raises(RuleViolation, match="cannot vouch for yourself"):
        services.membership_vouch(membership=applicant, by=applicant.person)


def test_it_refuses_a_second_vouch_from_the_same_member():
    committee = make_committee()
    set_bylaws(committee, vouches_needed=2)
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    services.membership_vouch(membership=applicant, by=chair_of(committee))
    with pytest.raises(RuleViolation, match="already vouched"):
        services.membership_vouch(membership=applicant, by=chair_of(committee))
    assert Vouch.objects.count() == 1


def test_it_refuses_a_vouch_for_someone_already_admitted():
    committee = make_committee()
    member = make_member(committee)
    with pytest.raises(RuleViolation, match="Only an applicant can be vouched for"):
        services.membership_vouch(membership=member, by=chair_of(committee))


def test_it_admits_on_an_officer_approval_without_vouches():
    committee = make_committee()
    set_bylaws(committee, vouches_needed=5)
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    admitted = services.membership_approve(membership=applicant, by=chair_of(committee))
    assert admitted.status == MembershipStatus.ACTIVE
    assert list(
        AuditEvent.objects.filter(committee=committee)
        .order_by("-id")
        .values_list("verb", flat=True)[:2]
    ) == ["membership.admitted", "membership.approved"]
    committee.refresh_from_db()
    assert committee.active_member_count == active_count_in_database(committee) == 2


def test_it_refuses_to_approve_someone_who_is_not_an_applicant():
    committee = make_committee()
    member = make_member(committee)
    with pytest.raises(RuleViolation, match="Only an applicant can be approved"):
        services.membership_approve(membership=member, by=chair_of(committee))
    committee.refresh_from_db()
    assert committee.active_member_count == 2
