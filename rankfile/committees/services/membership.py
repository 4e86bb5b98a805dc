"""A person's membership of a committee: vouching, admission, suspension, leaving, and
erasure with the account (applying is redeeming an invitation, in `invitations`)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.access import is_active_member
from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.models import (
    Committee,
    DelegateSeat,
    Membership,
    MembershipStatus,
    Role,
    RoleKind,
    Vouch,
)
from rankfile.committees.services.counts import active_member_count_change
from rankfile.committees.services.offices import roles_and_seats_end
from rankfile.core.errors import RuleViolation


def membership_vouch(*, membership: Membership, by: Person) -> Membership:
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update().select_related("committee").get(pk=membership.pk)
        )
        if locked.status != MembershipStatus.APPLIED:
            raise RuleViolation(_("Only an applicant can be vouched for."))
        if locked.person_id == by.pk:
            raise RuleViolation(_("You cannot vouch for yourself."))
        if not is_active_member(person_id=by.pk, committee_id=locked.committee_id):
            raise RuleViolation(_("Only active members can vouch."))
        _vouch, created = Vouch.objects.get_or_create(membership=locked, voucher=by)
        if not created:
            raise RuleViolation(_("You have already vouched for this person."))
        audit_record(
            verb=AuditVerb.MEMBERSHIP_VOUCHED,
            actor=by,
            committee=locked.committee,
            subject=locked.person,
        )
        if locked.vouches.count() >= bylaws_effective(committee=locked.committee).vouches_needed:
            membership_admit(membership=locked)
    return locked


def membership_approve(*, membership: Membership, by: Person) -> Membership:
    """Officer approval admits an applicant without the vouches."""
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update().select_related("committee").get(pk=membership.pk)
        )
        if locked.status != MembershipStatus.APPLIED:
            raise RuleViolation(_("Only an applicant can be approved."))
        audit_record(
            verb=AuditVerb.MEMBERSHIP_APPROVED,
            actor=by,
            committee=locked.committee,
            subject=locked.person,
        )
        membership_admit(membership=locked)
    return locked


def membership_admit(*, membership: Membership) -> None:
    """Inside the caller's transaction, with the applicant's membership row locked."""
    membership.status = MembershipStatus.ACTIVE
    membership.joined_at = timezone.now()
    membership.save(update_fields=["status", "joined_at"])
    active_member_count_change(committee_id=membership.committee_id, delta=+1)
    audit_record(
        verb=AuditVerb.MEMBERSHIP_ADMITTED,
        actor=None,
        committee=membership.committee,
        subject=membership.person,
    )


def membership_suspend(*, membership: Membership, by: Person) -> Membership:
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update().select_related("committee").get(pk=membership.pk)
        )
        if locked.status != MembershipStatus.ACTIVE:
            raise RuleViolation(_("Only an active member can be suspended."))
        if locked.person_id == by.pk:
            raise RuleViolation(_("You cannot suspend yourself."))
        if _is_last_chair(locked.committee, locked.person_id):
            raise RuleViolation(
                _("%(handle)s is the only chair: make another member chair first.")
                % {"handle": locked.person.handle}
            )
        roles_and_seats_end(person_id=locked.person_id, committee=locked.committee, by=by)
        locked.status = MembershipStatus.SUSPENDED
        locked.save(update_fields=["status"])
        active_member_count_change(committee_id=locked.committee_id, delta=-1)
        audit_record(
            verb=AuditVerb.MEMBERSHIP_SUSPENDED,
            actor=by,
            committee=locked.committee,
            subject=locked.person,
        )
    return locked


def membership_reinstate(*, membership: Membership, by: Person) -> Membership:
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update().select_related("committee").get(pk=membership.pk)
        )
        if locked.status != MembershipStatus.SUSPENDED:
            raise RuleViolation(_("Only a suspended member can be reinstated."))
        locked.status = MembershipStatus.ACTIVE
        locked.save(update_fields=["status"])
        active_member_count_change(committee_id=locked.committee_id, delta=+1)
        audit_record(
            verb=AuditVerb.MEMBERSHIP_REINSTATED,
            actor=by,
            committee=locked.committee,
            subject=locked.person,
        )
    return locked


def membership_leave(*, membership: Membership, by: Person) -> Membership:
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update().select_related("committee").get(pk=membership.pk)
        )
        if locked.status not in (MembershipStatus.ACTIVE, MembershipStatus.APPLIED):
            raise RuleViolation(_("You are not in this committee."))
        committee = locked.committee
        if locked.status == MembershipStatus.ACTIVE and _is_last_chair(committee, locked.person_id):
            raise RuleViolation(
                _("You are the only chair: make another member chair before you leave.")
            )
        roles_and_seats_end(person_id=locked.person_id, committee=committee, by=by)
        was_active = locked.status == MembershipStatus.ACTIVE
        locked.status = MembershipStatus.LEFT
        locked.left_at = timezone.now()
        locked.save(update_fields=["status", "left_at"])
        if was_active:
            active_member_count_change(committee_id=committee.pk, delta=-1)
        audit_record(
            verb=AuditVerb.MEMBERSHIP_LEFT, actor=by, committee=committee, subject=locked.person
        )
    return locked


def _is_last_chair(committee: Committee, person_id: int) -> bool:
    chairs = set(
        Role.objects.filter(
            committee=committee, kind=RoleKind.CHAIR, ended_at__isnull=True
        ).values_list("person_id", flat=True)
    )
    others = Membership.objects.active().filter(committee=committee).exclude(person_id=person_id)
    return chairs == {person_id} and others.exists()


def person_erase_memberships(*, person: Person) -> None:
    """Before an account is deleted: take the person out of every count. Audit entries keep no
    trace of who it was (their actor and subject become NULL when the row is deleted)."""
    for membership in (
        Membership.objects.select_for_update().filter(person=person).select_related("committee")
    ):
        if membership.status == MembershipStatus.ACTIVE:
            active_member_count_change(committee_id=membership.committee_id, delta=-1)
            audit_record(
                verb=AuditVerb.MEMBERSHIP_ERASED, actor=None, committee=membership.committee
            )
    DelegateSeat.objects.filter(person=person).delete()
    Role.objects.filter(person=person).delete()


def membership_set_contact_sharing(*, membership: Membership, shares_contact: bool) -> None:
    """A personal privacy choice. Deliberately not in the committee's audit log: the log is read
    by every member, and whether someone left contact details is nobody else's business."""
    Membership.objects.filter(pk=membership.pk).update(shares_contact=shares_contact)
