"""Invitation links: single-use, multi-use, expired, revoked; redeeming one applies to join."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from rankfile.audit.models import AuditEvent
from rankfile.committees import services
from rankfile.committees.models import Invitation, Membership, MembershipStatus, Vouch
from rankfile.core.errors import RuleViolation
from tests.factories import (
    active_count_in_database,
    chair_of,
    make_committee,
    make_invitation,
    make_member,
    make_person,
)

pytestmark = pytest.mark.django_db

NOT_VALID = "This invitation link is not valid any more"


def test_it_stores_only_the_digest_of_the_token():
    committee = make_committee()
    invitation, token = services.invitation_create(committee=committee, by=chair_of(committee))
    assert token not in invitation.digest
    assert invitation.digest == hashlib.sha256(token.encode()).hexdigest()
    assert len(token) >= 32


def test_it_records_the_creation_of_a_link():
    committee = make_committee()
    invitation, _token = services.invitation_create(committee=committee, by=chair_of(committee))
    event = AuditEvent.objects.filter(committee=committee).latest("id")
    assert (event.verb, event.actor, event.data) == (
        "invitation.created",
        chair_of(committee),
        {"invitation_id": invitation.pk},
    )


def test_it_applies_the_person_to_the_committee_of_the_link():
    committee = make_committee()
    token = make_invitation(committee)
    newcomer = make_person("newcomer")
    membership = services.invitation_redeem(token=token, person=newcomer)
    assert (membership.committee, membership.person) == (committee, newcomer)
    assert membership.status == MembershipStatus.APPLIED
    assert membership.invitation == Invitation.objects.get()
    assert AuditEvent.objects.filter(committee=committee).latest("id").verb == (
        "membership.applied"
    )
    committee.refresh_from_db()
    assert committee.active_member_count == 1


def test_it_lets_a_single_use_link_be_used_once():
    committee = make_committee()
    token = make_invitation(committee, max_uses=1)
    services.invitation_redeem(token=token, person=make_person())
    with pytest.raises(RuleViolation, match=NOT_VALID):
        services.invitation_redeem(token=token, person=make_person())
    assert Membership.objects.filter(status=MembershipStatus.APPLIED).count() == 1


def test_it_lets_a_multi_use_link_be_used_as_many_times_as_it_says():
    committee = make_committee()
    token = make_invitation(committee, max_uses=3)
    for _ in range(3):
        services.invitation_redeem(token=token, person=make_person())
    with pytest.raises(RuleViolation, match=NOT_VALID):
        services.invitation_redeem(token=token, person=make_person())
    assert Invitation.objects.get().use_count == 3


def test_it_lets_a_link_without_a_limit_be_used_until_it_expires():
    committee = make_committee()
    token = make_invitation(committee, max_uses=None)
    for _ in range(5):
        services.invitation_redeem(token=token, person=make_person())
    assert Invitation.objects.get().is_usable


def test_it_refuses_an_expired_link():
    committee = make_committee()
    token = make_invitation(committee)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(RuleViolation, match=NOT_VALID):
        services.invitation_redeem(token=token, person=make_person())
    assert not Membership.objects.filter(status=MembershipStatus.APPLIED).exists()


def test_it_refuses_a_revoked_link_and_records_the_revocation():
    committee = make_committee()
    invitation, token = services.invitation_create(committee=committee, by=chair_of(committee))
    services.invitation_revoke(invitation=invitation, by=chair_of(committee))
    with pytest.raises(RuleViolation, match=NOT_VALID):
        services.invitation_redeem(token=token, person=make_person())
    assert AuditEvent.objects.filter(committee=committee).latest("id").verb == (
        "invitation.revoked"
    )


def test_it_revokes_a_link_only_once():
    committee = make_committee()
    invitation, _token = services.invitation_create(committee=committee, by=chair_of(committee))
    services.invitation_revoke(invitation=invitation, by=chair_of(committee))
    services.invitation_revoke(invitation=invitation, by=chair_of(committee))
    assert AuditEvent.objects.filter(verb="invitation.revoked").count() == 1


def test_it_refuses_a_token_that_was_never_issued():
    make_invitation(make_committee())
    with pytest.raises(RuleViolation, match=NOT_VALID):
        services.invitation_redeem(token="made-up-token", person=make_person())


def test_it_refuses_a_person_who_is_already_in_the_committee_without_using_the_link():
    committee = make_committee(name="Garage")
    member = make_member(committee).person
    token = make_invitation(committee, max_uses=1)
    with pytest.raises(RuleViolation, match="You are already in Garage"):
        services.invitation_redeem(token=token, person=member)
    assert Invitation.objects.get(use_count=0).is_usable


def test_it_refuses_a_suspended_member():
    committee = make_committee(name="Garage")
    suspended = make_member(committee, status=MembershipStatus.SUSPENDED).person
    with pytest.raises(RuleViolation, match="Your membership of Garage is suspended"):
        services.invitation_redeem(token=make_invitation(committee), person=suspended)


def test_it_lets_an_applicant_who_withdrew_apply_again_without_their_old_vouches():
    committee = make_committee()
    chair = chair_of(committee)
    services.committee_bylaws_update(committee=committee, by=chair, overrides={"vouches_needed": 2})
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    services.membership_vouch(membership=applicant, by=chair)
    services.membership_leave(membership=applicant, by=applicant.person)
    again = services.invitation_redeem(token=make_invitation(committee), person=applicant.person)
    assert again.pk == applicant.pk
    assert again.status == MembershipStatus.APPLIED
    assert again.left_at is None
    assert not Vouch.objects.filter(membership=again).exists()


def test_it_admits_at_once_when_the_bylaws_ask_no_vouches():
    committee = make_committee()
    services.committee_bylaws_update(
        committee=committee, by=chair_of(committee), overrides={"vouches_needed": 0}
    )
    membership = services.invitation_redeem(token=make_invitation(committee), person=make_person())
    assert membership.status == MembershipStatus.ACTIVE
    committee.refresh_from_db()
    assert committee.active_member_count == active_count_in_database(committee) == 2
