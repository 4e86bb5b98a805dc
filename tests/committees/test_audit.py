"""The audit log: written in the same transaction as every change, or not at all."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import override

from rankfile.accounts.models import Person
from rankfile.accounts.services import account_erase
from rankfile.audit.describe import describe_event
from rankfile.audit.models import AuditEvent
from rankfile.audit.services import AuditOutsideTransaction, audit_record, audit_record_both
from rankfile.audit.verbs import AuditVerb
from rankfile.committees import services
from rankfile.committees.models import (
    Affiliation,
    AffiliationStatus,
    Committee,
    CommitteeClosure,
    Membership,
    MembershipStatus,
    Role,
)
from rankfile.committees.services import closure, federation
from tests.factories import (
    chair_of,
    count_rows,
    make_committee,
    make_member,
    make_person,
    request_affiliation,
)

COMMITTEE_NOUNS = {"committee", "affiliation", "invitation", "membership", "role", "seat"}


def test_it_refuses_to_record_an_event_outside_a_transaction(transactional_db):
    person = make_person()
    with pytest.raises(AuditOutsideTransaction):
        audit_record(verb=AuditVerb.COMMITTEE_UPDATED, actor=person)
    assert not AuditEvent.objects.exists()


def test_it_records_every_kind_of_change_each_in_a_real_transaction(transactional_db):
    """No surrounding test transaction here: a service that wrote its event outside its own
    transaction would raise."""
    alliance = make_committee("alliance", name="Alliance")
    coordinating = make_committee("coordinating", name="Transit", parent=alliance)
    committee = make_committee(name="Garage", parent=coordinating)
    chair = chair_of(committee)
    services.committee_update(
        committee=committee,
        by=chair,
        name="Heywood Garage",
        sector="transit",
        region="US/MN",
        workforce_estimate=100,
        description="",
    )
    services.committee_update(
        committee=committee,
        by=chair,
        name="Heywood Garage",
        sector="transit",
        region="US/MN",
        workforce_estimate=120,
        description="",
    )
    services.committee_bylaws_update(committee=committee, by=chair, overrides={"k_anonymity": 3})
    services.bylaws_apply_adopted(
        committee_id=committee.pk, changes={"k_anonymity": 4}, motion_id=1, title="Bylaws", by=None
    )
    services.affiliation_refuse(
        affiliation=request_affiliation(make_committee(), coordinating), by=chair_of(coordinating)
    )
    invitation, token = services.invitation_create(committee=committee, by=chair, max_uses=None)
    vouched = services.invitation_redeem(token=token, person=make_person())
    services.membership_vouch(membership=vouched, by=chair)
    approved = services.invitation_redeem(token=token, person=make_person())
    services.membership_approve(membership=approved, by=chair)
    services.invitation_revoke(invitation=invitation, by=chair)
    services.membership_suspend(membership=approved, by=chair)
    services.membership_reinstate(membership=approved, by=chair)
    role = services.role_assign(
        committee=committee, person=vouched.person, kind="secretary", by=chair
    )
    services.role_end(role=role, by=chair)
    seat = services.seat_assign(
        parent=coordinating, committee=committee, person=vouched.person, by=chair
    )
    services.seat_end(seat=seat, by=chair)
    services.membership_leave(membership=vouched, by=vouched.person)
    account_erase(person=approved.person)
    services.affiliation_end(
        affiliation=Affiliation.objects.get(child=committee, parent=coordinating), by=chair
    )
    committee_verbs = {verb for verb in AuditVerb.values if verb.split(".")[0] in COMMITTEE_NOUNS}
    assert set(AuditEvent.objects.values_list("verb", flat=True)) == committee_verbs


def test_it_records_a_two_sided_event_in_each_committee_log_in_that_order(db):
    parent = make_committee("coordinating", name="Transit")
    child = make_committee(name="Garage")
    officer = chair_of(child)
    with transaction.atomic():
        first, second = audit_record_both(
            verb=AuditVerb.CAMPAIGN_ENDORSED,
            other_verb=AuditVerb.CAMPAIGN_ENDORSEMENT_RECEIVED,
            actor=officer,
            committee=child,
            other_committee=parent,
            data={"other_name": "Transit"},
            other_data={"other_name": "Garage"},
            is_other_by_system=True,
        )
    rows = list(
        AuditEvent.objects.filter(pk__in=[first.pk, second.pk])
        .order_by("pk")
        .values_list("verb", "committee_id", "actor_id", "is_by_system", "data")
    )
    assert rows == [
        ("campaign.endorsed", child.pk, officer.pk, False, {"other_name": "Transit"}),
        ("campaign.endorsement_received", parent.pk, None, True, {"other_name": "Garage"}),
    ]


def test_it_writes_the_same_verb_subject_and_data_on_both_sides_unless_told_otherwise(db):
    parent = make_committee("coordinating", name="Transit")
    child = make_committee(name="Garage")
    officer, delegate = chair_of(child), make_person()
    with transaction.atomic():
        audit_record_both(
            verb=AuditVerb.SEAT_ENDED,
            actor=officer,
            committee=child,
            other_committee=parent,
            subject=delegate,
            data={"other_id": parent.pk},
        )
    rows = list(
        AuditEvent.objects.filter(verb="seat.ended")
        .order_by("pk")
        .values_list("committee_id", "actor_id", "subject_id", "data")
    )
    assert rows == [
        (child.pk, officer.pk, delegate.pk, {"other_id": parent.pk}),
        (parent.pk, officer.pk, delegate.pk, {"other_id": parent.pk}),
    ]


def test_it_leaves_nothing_of_a_founding_that_fails_half_way(db, monkeypatch):
    def add_self_twice(*, committee_id: int) -> None:
        closure.closure_add_self(committee_id=committee_id)
        closure.closure_add_self(committee_id=committee_id)

    monkeypatch.setattr(federation, "closure_add_self", add_self_twice)
    founder = make_person()
    before = count_rows(Committee, CommitteeClosure, Membership, Role, AuditEvent)
    with pytest.raises(IntegrityError):
        services.committee_found(
            by=founder, name="Garage", kind="workplace", sector="transit", region="US/MN"
        )
    assert count_rows(Committee, CommitteeClosure, Membership, Role, AuditEvent) == before


def test_it_leaves_nothing_of_an_acceptance_that_fails_half_way(db, monkeypatch):
    parent = make_committee("coordinating")
    child = make_committee()
    affiliation = request_affiliation(child, parent)

    def link_then_collide(*, child_id: int, parent_id: int) -> int:
        added = closure.closure_link(child_id=child_id, parent_id=parent_id)
        CommitteeClosure.objects.create(ancestor_id=parent_id, descendant_id=child_id, depth=1)
        return added

    monkeypatch.setattr(federation, "closure_link", link_then_collide)
    before = count_rows(CommitteeClosure, AuditEvent)
    with pytest.raises(IntegrityError):
        services.affiliation_accept(affiliation=affiliation, by=chair_of(parent))
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.REQUESTED
    assert count_rows(CommitteeClosure, AuditEvent) == before


def test_it_leaves_the_account_whole_when_its_erasure_fails_half_way(db, monkeypatch):
    committee = make_committee()
    member = make_member(committee).person
    other_committee = make_committee()
    erase_memberships = services.person_erase_memberships

    def erase_then_collide(*, person: Person) -> None:
        erase_memberships(person=person)
        Membership.objects.create(
            person=person, committee=committee, status=MembershipStatus.ACTIVE
        )

    monkeypatch.setattr(services, "person_erase_memberships", erase_then_collide)
    before = count_rows(Person, Membership, AuditEvent)
    with pytest.raises(IntegrityError):
        account_erase(person=member)
    assert count_rows(Person, Membership, AuditEvent) == before
    committee.refresh_from_db()
    other_committee.refresh_from_db()
    assert (committee.active_member_count, other_committee.active_member_count) == (2, 1)


def test_it_describes_an_erased_person_as_a_former_member(db):
    committee = make_committee()
    member = make_member(committee)
    services.role_assign(
        committee=committee, person=member.person, kind="secretary", by=chair_of(committee)
    )
    account_erase(person=member.person)
    sentences = [describe_event(event) for event in AuditEvent.objects.filter(committee=committee)]
    assert f"{chair_of(committee).handle} made a former member secretary" in sentences
    assert "a former member was admitted" in sentences
    assert "a member erased their account" in sentences
    assert not any(member.person.handle in sentence for sentence in sentences)


def test_it_describes_an_event_without_an_actor_as_done_by_the_system(db):
    committee = make_committee()
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    services.membership_approve(membership=applicant, by=chair_of(committee))
    event = AuditEvent.objects.get(verb="membership.admitted")
    assert describe_event(event) == f"{applicant.person.handle} was admitted"
    event.subject = None
    assert describe_event(event) == "a former member was admitted"


def test_it_names_the_role_in_the_reader_language(db):
    committee = make_committee()
    member = make_member(committee).person
    services.role_assign(
        committee=committee, person=member, kind="secretary", by=chair_of(committee)
    )
    event = AuditEvent.objects.get(verb="role.assigned")
    with override("en"):
        assert describe_event(event).endswith(f"made {member.handle} secretary")


def test_it_still_describes_a_verb_it_has_no_sentence_for(db):
    event = AuditEvent(verb="nothing.known", actor=make_person("opener"))
    assert describe_event(event) == "opener: nothing.known"


def test_it_keeps_the_time_of_each_event(db):
    before = timezone.now() - timedelta(seconds=1)
    committee = make_committee()
    event = AuditEvent.objects.get(committee=committee)
    assert before < event.created_at <= timezone.now()


def test_it_keeps_the_affiliation_request_when_the_requester_erases_their_account(db):
    parent = make_committee("coordinating")
    child = make_committee()
    affiliation = request_affiliation(child, parent)
    services.role_assign(
        committee=child,
        person=make_member(child).person,
        kind="chair",
        by=chair_of(child),
    )
    account_erase(person=affiliation.requested_by)
    affiliation.refresh_from_db()
    assert (affiliation.status, affiliation.requested_by) == (AffiliationStatus.REQUESTED, None)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_every_audit_verb_has_its_sentence_in_every_language(language):
    placeholders = re.compile(r"%\((\w+)\)s")
    for verb in AuditVerb:
        with override("en"):
            english = str(verb.label)
        with override(language):
            translated = str(verb.label)
        assert translated != english, f"{verb.value} has no {language} sentence"
        assert set(placeholders.findall(translated)) == set(placeholders.findall(english)), verb
