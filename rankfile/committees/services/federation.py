from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record, audit_record_both
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.bylaws import BYLAW_NAMES
from rankfile.committees.models import (
    BASE_KINDS,
    PARENT_KINDS,
    Affiliation,
    AffiliationStatus,
    Committee,
    CommitteeKind,
    Membership,
    MembershipStatus,
    Role,
    RoleKind,
)
from rankfile.committees.services.closure import (
    closure_add_self,
    closure_link,
    closure_rebuild_below,
    closure_would_cycle,
)
from rankfile.committees.services.offices import seats_end_for_delegation
from rankfile.core.errors import RuleViolation
from rankfile.core.models import named_lock_acquire

FEDERATION_LOCK = "federation-graph"


def unique_slug(name: str) -> str:
    base = slugify(name)[:60] or "committee"
    slug = base
    suffix = 2
    while Committee.objects.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


def committee_found(
    *,
    by: Person,
    name: str,
    kind: str,
    sector: str,
    region: str,
    workforce_estimate: int | None = None,
    description: str = "",
) -> Committee:
    """Found a committee; its founder becomes its first member and its chair."""
    if kind not in CommitteeKind.values:
        raise RuleViolation(_("Unknown kind of committee."))
    with transaction.atomic():
        committee = _committee_create_with_free_slug(
            name=name,
            kind=kind,
            sector=sector,
            region=region.strip("/ "),
            workforce_estimate=workforce_estimate if kind in BASE_KINDS else None,
            description=description,
            active_member_count=1,
        )
        closure_add_self(committee_id=committee.pk)
        now = timezone.now()
        Membership.objects.create(
            person=by, committee=committee, status=MembershipStatus.ACTIVE, joined_at=now
        )
        Role.objects.create(committee=committee, person=by, kind=RoleKind.CHAIR)
        audit_record(verb=AuditVerb.COMMITTEE_FOUNDED, actor=by, committee=committee)
    return committee


def _committee_create_with_free_slug(*, name: str, **fields: Any) -> Committee:
    """Two committees founded with the same name at the same moment both find the slug free;
    the unique constraint then refuses one, which takes the next free slug."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Committee.objects.create(name=name, slug=unique_slug(name), **fields)
        except IntegrityError:
            continue
    raise RuleViolation(_("Too many committees are being founded with this name; try again."))


def committee_update(
    *,
    committee: Committee,
    by: Person,
    name: str,
    sector: str,
    region: str,
    workforce_estimate: int | None,
    description: str,
) -> Committee:
    with transaction.atomic():
        locked = Committee.objects.select_for_update().get(pk=committee.pk)
        changed = {
            field: value
            for field, value in {
                "name": name,
                "sector": sector,
                "region": region.strip("/ "),
                "workforce_estimate": workforce_estimate if locked.is_base else None,
                "description": description,
            }.items()
            if getattr(locked, field) != value
        }
        if not changed:
            return locked
        for field, value in changed.items():
            setattr(locked, field, value)
        locked.save(update_fields=list(changed))
        verb = (
            AuditVerb.COMMITTEE_WORKFORCE_CHANGED
            if set(changed) == {"workforce_estimate"}
            else AuditVerb.COMMITTEE_UPDATED
        )
        audit_record(verb=verb, actor=by, committee=locked, data={"fields": sorted(changed)})
    return locked


def committee_bylaws_update(*, committee: Committee, by: Person, overrides: dict[str, Any]) -> None:
    """Replace the committee's own bylaws; a value of None means "inherit"."""
    cleaned = {k: v for k, v in overrides.items() if k in BYLAW_NAMES and v is not None}
    with transaction.atomic():
        locked = Committee.objects.select_for_update().get(pk=committee.pk)
        if locked.bylaws_overrides == cleaned:
            return
        before = locked.bylaws_overrides
        locked.bylaws_overrides = cleaned
        locked.save(update_fields=["bylaws_overrides"])
        audit_record(
            verb=AuditVerb.COMMITTEE_BYLAWS_CHANGED,
            actor=by,
            committee=locked,
            data={"before": before, "after": cleaned},
        )


def affiliation_request(*, child: Committee, parent: Committee, by: Person) -> Affiliation:
    if parent.kind not in PARENT_KINDS:
        raise RuleViolation(
            _("Only a coordinating committee or the alliance can have member committees.")
        )
    if child.kind == CommitteeKind.ALLIANCE:
        raise RuleViolation(_("The alliance does not affiliate to another committee."))
    if child.pk == parent.pk:
        raise RuleViolation(_("A committee cannot affiliate to itself."))
    with transaction.atomic():
        named_lock_acquire(FEDERATION_LOCK)
        if Affiliation.objects.filter(
            child=child,
            parent=parent,
            status__in=[AffiliationStatus.REQUESTED, AffiliationStatus.ACCEPTED],
        ).exists():
            raise RuleViolation(
                _("%(child)s has already asked to join %(parent)s.")
                % {"child": child, "parent": parent}
            )
        _refuse_cycle(child=child, parent=parent)
        affiliation = Affiliation.objects.create(
            child=child, parent=parent, status=AffiliationStatus.REQUESTED, requested_by=by
        )
        audit_record_both(
            verb=AuditVerb.AFFILIATION_REQUESTED,
            other_verb=AuditVerb.AFFILIATION_REQUEST_RECEIVED,
            actor=by,
            committee=child,
            other_committee=parent,
            data=_names(parent),
            other_data=_names(child),
        )
    return affiliation


def affiliation_accept(*, affiliation: Affiliation, by: Person) -> Affiliation:
    with transaction.atomic():
        named_lock_acquire(FEDERATION_LOCK)
        locked = (
            Affiliation.objects.select_for_update()
            .select_related("child", "parent")
            .get(pk=affiliation.pk)
        )
        if locked.status != AffiliationStatus.REQUESTED:
            raise RuleViolation(_("This request has already been decided."))
        _refuse_cycle(child=locked.child, parent=locked.parent)
        locked.status = AffiliationStatus.ACCEPTED
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        closure_link(child_id=locked.child_id, parent_id=locked.parent_id)
        audit_record_both(
            verb=AuditVerb.AFFILIATION_ACCEPTED,
            other_verb=AuditVerb.AFFILIATION_WAS_ACCEPTED,
            actor=by,
            committee=locked.parent,
            other_committee=locked.child,
            data=_names(locked.child),
            other_data=_names(locked.parent),
        )
    return locked


def affiliation_refuse(*, affiliation: Affiliation, by: Person) -> Affiliation:
    with transaction.atomic():
        locked = (
            Affiliation.objects.select_for_update()
            .select_related("child", "parent")
            .get(pk=affiliation.pk)
        )
        if locked.status != AffiliationStatus.REQUESTED:
            raise RuleViolation(_("This request has already been decided."))
        locked.status = AffiliationStatus.REFUSED
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        audit_record_both(
            verb=AuditVerb.AFFILIATION_REFUSED,
            other_verb=AuditVerb.AFFILIATION_WAS_REFUSED,
            actor=by,
            committee=locked.parent,
            other_committee=locked.child,
            data=_names(locked.child),
            other_data=_names(locked.parent),
        )
    return locked


def affiliation_end(*, affiliation: Affiliation, by: Person) -> Affiliation:
    """End an accepted affiliation (either side may). Delegate seats on the parent held for the
    child end with it."""
    with transaction.atomic():
        named_lock_acquire(FEDERATION_LOCK)
        locked = (
            Affiliation.objects.select_for_update()
            .select_related("child", "parent")
            .get(pk=affiliation.pk)
        )
        if locked.status != AffiliationStatus.ACCEPTED:
            raise RuleViolation(_("Only an accepted affiliation can be ended."))
        locked.status = AffiliationStatus.ENDED
        locked.ended_at = timezone.now()
        locked.save(update_fields=["status", "ended_at"])
        closure_rebuild_below(committee_id=locked.child_id)
        seats_end_for_delegation(parent=locked.parent, committee=locked.child, by=by)
        audit_record_both(
            verb=AuditVerb.AFFILIATION_ENDED,
            actor=by,
            committee=locked.parent,
            other_committee=locked.child,
            data=_names(locked.child),
            other_data=_names(locked.parent),
        )
    return locked


def _refuse_cycle(*, child: Committee, parent: Committee) -> None:
    if closure_would_cycle(child_id=child.pk, parent_id=parent.pk):
        raise RuleViolation(
            _(
                "%(parent)s is already a member of %(child)s, directly or further down; "
                "affiliating %(child)s to it would make a cycle."
            )
            % {"parent": parent.name, "child": child.name}
        )


def _names(other: Committee) -> dict[str, Any]:
    return {"other_id": other.pk, "other_name": other.name}
