"""Offices: officer roles in a committee, and the delegate seats a committee holds on a
committee it is affiliated to. A seat makes its holder a member of the parent committee."""

from __future__ import annotations

import calendar
from datetime import datetime

from django.db import transaction
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
    Membership,
    MembershipStatus,
    Role,
    RoleKind,
    SeatEndReason,
)
from rankfile.committees.services.counts import active_member_count_change
from rankfile.core.errors import RuleViolation


def roles_and_seats_end(*, person_id: int, committee: Committee, by: Person | None) -> None:
    """A member who is suspended or leaves holds no office: their roles and the seats they hold
    for the committee end, and so do the seats they hold on it."""
    now = timezone.now()
    Role.objects.filter(committee=committee, person_id=person_id, ended_at__isnull=True).update(
        ended_at=now
    )
    for seat in DelegateSeat.objects.filter(
        committee=committee, person_id=person_id, ended_at__isnull=True
    ).select_related("parent"):
        seat_close(seat=seat, by=by, reason=SeatEndReason.REMOVED)
    # Seats held on this committee end too; the caller changes the membership itself.
    for seat in DelegateSeat.objects.filter(
        parent=committee, person_id=person_id, ended_at__isnull=True
    ).select_related("parent", "committee", "person"):
        seat_close(seat=seat, by=by, reason=SeatEndReason.REMOVED, keeps_parent_membership=True)


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


def holder_only_refusal() -> str:
    return _(
        "Only its holder can end it, by resigning. Someone else's seat or role ends at the end "
        "of its term, by a recall the members vote, or by a suspension under the bylaws."
    )


def role_resign(*, role: Role, by: Person) -> Role:
    """The holder gives up their role. Nobody else ends it."""
    if role.person_id != by.pk:
        raise RuleViolation(holder_only_refusal())
    return role_end(role=role, by=by)


def seat_resign(*, seat: DelegateSeat, by: Person) -> DelegateSeat:
    """The delegate gives up their seat (reason: resignation). Nobody else ends it."""
    if seat.person_id != by.pk:
        raise RuleViolation(holder_only_refusal())
    return seat_end(seat=seat, by=by, reason=SeatEndReason.RESIGNATION)


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
        _delegate_check(parent=parent, committee=committee, person=person)
        # The delegation's row lock counts its seats one assignment at a time.
        Committee.objects.select_for_update().get(pk=committee.pk)
        _free_seat_check(parent=parent, committee=committee, person=person)
        membership = _parent_membership_locked(parent=parent, person=person)
        if term_ends_at is None:
            months = bylaws_effective(committee=committee).delegate_term_months
            term_ends_at = months_later(timezone.now(), months)
        seat = DelegateSeat.objects.create(
            parent=parent, committee=committee, person=person, term_ends_at=term_ends_at
        )
        _parent_membership_join(membership, parent=parent, person=person)
        audit_record_both(
            verb=AuditVerb.SEAT_ASSIGNED,
            actor=by,
            committee=committee,
            other_committee=parent,
            subject=person,
            data={"other_id": parent.pk, "other_name": parent.name},
        )
    return seat


def _delegate_check(*, parent: Committee, committee: Committee, person: Person) -> None:
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


def _free_seat_check(*, parent: Committee, committee: Committee, person: Person) -> None:
    seats = bylaws_effective(committee=parent).seats_per_delegation
    held = DelegateSeat.objects.filter(
        parent=parent, committee=committee, ended_at__isnull=True
    ).count()
    if held >= seats:
        raise RuleViolation(
            _("%(child)s already fills its %(seats)d seats on %(parent)s.")
            % {"child": committee.name, "seats": seats, "parent": parent.name}
        )
    if DelegateSeat.objects.filter(parent=parent, person=person, ended_at__isnull=True).exists():
        raise RuleViolation(_("%(handle)s already holds a seat there.") % {"handle": person.handle})


def _parent_membership_locked(*, parent: Committee, person: Person) -> Membership | None:
    """The delegate's membership of the parent, locked; a suspended member takes no seat."""
    membership = (
        Membership.objects.select_for_update().filter(person=person, committee=parent).first()
    )
    if membership is not None and membership.status == MembershipStatus.SUSPENDED:
        raise RuleViolation(
            _("%(handle)s is suspended from %(parent)s.")
            % {"handle": person.handle, "parent": parent.name}
        )
    return membership


def _parent_membership_join(
    membership: Membership | None, *, parent: Committee, person: Person
) -> None:
    """A seat makes its holder an active member of the parent, counted once."""
    if membership is None:
        membership = Membership(person=person, committee=parent)
    if membership.status != MembershipStatus.ACTIVE:
        membership.status = MembershipStatus.ACTIVE
        membership.joined_at = timezone.now()
        membership.left_at = None
        membership.save()
        active_member_count_change(committee_id=parent.pk, delta=+1)


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
        seat_close(seat=locked, by=by, reason=reason)
    return locked


def seats_end_for_delegation(*, parent: Committee, committee: Committee, by: Person) -> None:
    for seat in DelegateSeat.objects.filter(
        parent=parent, committee=committee, ended_at__isnull=True
    ).select_related("parent", "committee", "person"):
        seat_close(seat=seat, by=by, reason=SeatEndReason.REMOVED)


def seat_close(
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
            active_member_count_change(committee_id=parent.pk, delta=-1)
    audit_record_both(
        verb=AuditVerb.SEAT_ENDED,
        actor=by,
        committee=seat.committee,
        other_committee=parent,
        subject=seat.person,
        data={"other_id": parent.pk, "other_name": parent.name, "reason": reason},
    )


def months_later(start: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months later (the last day of a shorter month)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day)
