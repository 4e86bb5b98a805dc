from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record, audit_record_both
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.access import is_active_member
from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.models import (
    Affiliation,
    AffiliationStatus,
    Committee,
    DelegateSeat,
    Invitation,
    Membership,
    MembershipStatus,
    Role,
    RoleKind,
    SeatEndReason,
    Vouch,
)
from rankfile.core.crypto import new_token, token_digest
from rankfile.core.errors import RuleViolation


def _count_change(committee_id: int, delta: int) -> None:
    Committee.objects.filter(pk=committee_id).update(
        active_member_count=F("active_member_count") + delta
    )


def invitation_create(
    *,
    committee: Committee,
    by: Person,
    valid_days: int = 7,
    max_uses: int | None = 1,
    label: str = "",
) -> tuple[Invitation, str]:
    """Create a join link. The token is returned once and never stored."""
    token = new_token()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            committee=committee,
            digest=token_digest(token),
            label=label,
            created_by=by,
            expires_at=timezone.now() + timedelta(days=valid_days),
            max_uses=max_uses,
        )
        audit_record(
            verb=AuditVerb.INVITATION_CREATED,
            actor=by,
            committee=committee,
            data={"invitation_id": invitation.pk},
        )
    return invitation, token


def invitation_revoke(*, invitation: Invitation, by: Person) -> None:
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.revoked_at is not None:
            return
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        audit_record(
            verb=AuditVerb.INVITATION_REVOKED,
            actor=by,
            committee=locked.committee,
            data={"invitation_id": locked.pk},
        )


def invitation_find(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("committee").filter(digest=token_digest(token)).first()


def invitation_redeem(*, token: str, person: Person) -> Membership:
    """Apply to the invitation's committee. Admitted at once if its bylaws ask no vouches."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().filter(digest=token_digest(token)).first()
        )
        if invitation is None or not invitation.is_usable:
            raise RuleViolation(_("This invitation link is not valid any more. Ask for a new one."))
        committee = invitation.committee
        membership = (
            Membership.objects.select_for_update()
            .filter(person=person, committee=committee)
            .first()
        )
        if membership is not None and membership.status in (
            MembershipStatus.ACTIVE,
            MembershipStatus.APPLIED,
        ):
            raise RuleViolation(_("You are already in %(name)s.") % {"name": committee.name})
        if membership is not None and membership.status == MembershipStatus.SUSPENDED:
            raise RuleViolation(
                _("Your membership of %(name)s is suspended.") % {"name": committee.name}
            )
        if membership is None:
            membership = Membership(person=person, committee=committee)
        membership.status = MembershipStatus.APPLIED
        membership.applied_at = timezone.now()
        membership.left_at = None
        membership.invitation = invitation
        membership.save()
        membership.vouches.all().delete()
        invitation.use_count = F("use_count") + 1
        invitation.save(update_fields=["use_count"])
        audit_record(
            verb=AuditVerb.MEMBERSHIP_APPLIED, actor=person, committee=committee, subject=person
        )
        if bylaws_effective(committee=committee).vouches_needed <= 0:
            _admit(membership)
    return membership


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
            _admit(locked)
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
        _admit(locked)
    return locked


def _admit(membership: Membership) -> None:
    membership.status = MembershipStatus.ACTIVE
    membership.joined_at = timezone.now()
    membership.save(update_fields=["status", "joined_at"])
    _count_change(membership.committee_id, +1)
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
        _end_roles_and_seats(person_id=locked.person_id, committee=locked.committee, by=by)
        locked.status = MembershipStatus.SUSPENDED
        locked.save(update_fields=["status"])
        _count_change(locked.committee_id, -1)
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
        _count_change(locked.committee_id, +1)
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
        _end_roles_and_seats(person_id=locked.person_id, committee=committee, by=by)
        was_active = locked.status == MembershipStatus.ACTIVE
        locked.status = MembershipStatus.LEFT
        locked.left_at = timezone.now()
        locked.save(update_fields=["status", "left_at"])
        if was_active:
            _count_change(committee.pk, -1)
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


def _end_roles_and_seats(*, person_id: int, committee: Committee, by: Person | None) -> None:
    now = timezone.now()
    Role.objects.filter(committee=committee, person_id=person_id, ended_at__isnull=True).update(
        ended_at=now
    )
    for seat in DelegateSeat.objects.filter(
        committee=committee, person_id=person_id, ended_at__isnull=True
    ).select_related("parent"):
        _seat_close(seat=seat, by=by, reason=SeatEndReason.REMOVED)
    # Seats held on this committee end too; the caller changes the membership itself.
    for seat in DelegateSeat.objects.filter(
        parent=committee, person_id=person_id, ended_at__isnull=True
    ).select_related("parent", "committee", "person"):
        _seat_close(seat=seat, by=by, reason=SeatEndReason.REMOVED, keeps_parent_membership=True)


def person_erase_memberships(*, person: Person) -> None:
    """Before an account is deleted: take the person out of every count. Audit entries keep no
    trace of who it was (their actor and subject become NULL when the row is deleted)."""
    for membership in (
        Membership.objects.select_for_update().filter(person=person).select_related("committee")
    ):
        if membership.status == MembershipStatus.ACTIVE:
            _count_change(membership.committee_id, -1)
            audit_record(
                verb=AuditVerb.MEMBERSHIP_ERASED, actor=None, committee=membership.committee
            )
    DelegateSeat.objects.filter(person=person).delete()
    Role.objects.filter(person=person).delete()


def role_assign(*, committee: Committee, person: Person, kind: str, by: Person | None) -> Role:
    if kind not in RoleKind.values:
        raise RuleViolation(_("Unknown role."))
    with transaction.atomic():
        # Locking the membership serialises two identical assignments made at the same time.
        if (
            not Membership.objects.active()
            .select_for_update()
            .filter(person=person, committee=committee)
            .exists()
        ):
            raise RuleViolation(_("Only an active member can hold a role."))
        if Role.objects.filter(
            committee=committee, person=person, kind=kind, ended_at__isnull=True
        ).exists():
            raise RuleViolation(
                _("%(handle)s already holds this role.") % {"handle": person.handle}
            )
        role = Role.objects.create(committee=committee, person=person, kind=kind)
        audit_record(
            verb=AuditVerb.ROLE_ASSIGNED,
            actor=by,
            committee=committee,
            subject=person,
            data={"role": kind},
        )
    return role


def role_end(*, role: Role, by: Person | None) -> Role:
    with transaction.atomic():
        locked = (
            Role.objects.select_for_update().select_related("committee", "person").get(pk=role.pk)
        )
        if locked.ended_at is not None:
            raise RuleViolation(_("This role has already ended."))
        if locked.kind == RoleKind.CHAIR and _is_last_chair_role(locked):
            raise RuleViolation(_("A committee needs a chair: make another member chair first."))
        locked.ended_at = timezone.now()
        locked.save(update_fields=["ended_at"])
        audit_record(
            verb=AuditVerb.ROLE_ENDED,
            actor=by,
            committee=locked.committee,
            subject=locked.person,
            data={"role": locked.kind},
        )
    return locked


def _is_last_chair_role(role: Role) -> bool:
    return (
        not Role.objects.filter(
            committee_id=role.committee_id, kind=RoleKind.CHAIR, ended_at__isnull=True
        )
        .exclude(pk=role.pk)
        .exists()
    )


def seat_assign(
    *,
    parent: Committee,
    committee: Committee,
    person: Person,
    by: Person | None,
    term_ends_at: datetime | None = None,
) -> DelegateSeat:
    """Officers of a committee send one of its members to sit on a parent committee."""
    with transaction.atomic():
        if not Affiliation.objects.filter(
            child=committee, parent=parent, status=AffiliationStatus.ACCEPTED
        ).exists():
            raise RuleViolation(
                _("%(child)s is not a member committee of %(parent)s.")
                % {"child": committee.name, "parent": parent.name}
            )
        if not is_active_member(person_id=person.pk, committee_id=committee.pk):
            raise RuleViolation(
                _("A delegate must be an active member of the committee they represent.")
            )
        Committee.objects.select_for_update().get(pk=committee.pk)
        seats = bylaws_effective(committee=parent).seats_per_delegation
        held = DelegateSeat.objects.filter(
            parent=parent, committee=committee, ended_at__isnull=True
        ).count()
        if held >= seats:
            raise RuleViolation(
                _("%(child)s already fills its %(seats)d seats on %(parent)s.")
                % {"child": committee.name, "seats": seats, "parent": parent.name}
            )
        if DelegateSeat.objects.filter(
            parent=parent, person=person, ended_at__isnull=True
        ).exists():
            raise RuleViolation(
                _("%(handle)s already holds a seat there.") % {"handle": person.handle}
            )
        membership = (
            Membership.objects.select_for_update().filter(person=person, committee=parent).first()
        )
        if membership is not None and membership.status == MembershipStatus.SUSPENDED:
            raise RuleViolation(
                _("%(handle)s is suspended from %(parent)s.")
                % {"handle": person.handle, "parent": parent.name}
            )
        seat = DelegateSeat.objects.create(
            parent=parent, committee=committee, person=person, term_ends_at=term_ends_at
        )
        if membership is None:
            membership = Membership(person=person, committee=parent)
        if membership.status != MembershipStatus.ACTIVE:
            membership.status = MembershipStatus.ACTIVE
            membership.joined_at = timezone.now()
            membership.left_at = None
            membership.save()
            _count_change(parent.pk, +1)
        audit_record_both(
            verb=AuditVerb.SEAT_ASSIGNED,
            actor=by,
            committee=committee,
            other_committee=parent,
            subject=person,
            data={"other_id": parent.pk, "other_name": parent.name},
        )
    return seat


def seat_end(
    *, seat: DelegateSeat, by: Person | None, reason: str = SeatEndReason.REMOVED
) -> DelegateSeat:
    with transaction.atomic():
        locked = (
            DelegateSeat.objects.select_for_update()
            .select_related("parent", "committee", "person")
            .get(pk=seat.pk)
        )
        if locked.ended_at is not None:
            raise RuleViolation(_("This seat has already ended."))
        _seat_close(seat=locked, by=by, reason=reason)
    return locked


def seats_end_for_delegation(*, parent: Committee, committee: Committee, by: Person) -> None:
    for seat in DelegateSeat.objects.filter(
        parent=parent, committee=committee, ended_at__isnull=True
    ).select_related("parent", "committee", "person"):
        _seat_close(seat=seat, by=by, reason=SeatEndReason.REMOVED)


def _seat_close(
    *, seat: DelegateSeat, by: Person | None, reason: str, keeps_parent_membership: bool = False
) -> None:
    """End a seat. The delegate's membership of the parent ends with their last seat there,
    unless they also hold a role there, or the caller is changing that membership itself."""
    seat.ended_at = timezone.now()
    seat.end_reason = reason
    seat.save(update_fields=["ended_at", "end_reason"])
    parent = seat.parent
    still_seated = (
        keeps_parent_membership
        or DelegateSeat.objects.filter(
            parent=parent, person_id=seat.person_id, ended_at__isnull=True
        ).exists()
    )
    is_officer = Role.objects.filter(
        committee=parent, person_id=seat.person_id, ended_at__isnull=True
    ).exists()
    if not still_seated and not is_officer:
        left = (
            Membership.objects.active()
            .filter(person_id=seat.person_id, committee=parent)
            .update(status=MembershipStatus.LEFT, left_at=timezone.now())
        )
        if left:
            _count_change(parent.pk, -1)
    audit_record_both(
        verb=AuditVerb.SEAT_ENDED,
        actor=by,
        committee=seat.committee,
        other_committee=parent,
        subject=seat.person,
        data={"other_id": parent.pk, "other_name": parent.name, "reason": reason},
    )


def membership_set_contact_sharing(*, membership: Membership, shares_contact: bool) -> None:
    """A personal privacy choice. Deliberately not in the committee's audit log: the log is read
    by every member, and whether someone left contact details is nobody else's business."""
    Membership.objects.filter(pk=membership.pk).update(shares_contact=shares_contact)
