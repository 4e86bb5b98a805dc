"""Resolutions in the federation: forwarded to a committee above, endorsed there by other
committees under it."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record_both
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.models import (
    Affiliation,
    AffiliationStatus,
    Committee,
    CommitteeClosure,
)
from rankfile.core.errors import RuleViolation
from rankfile.motions.lifecycle import MotionAction, motion_refusal
from rankfile.motions.models import Forwarding, Motion, ResolutionEndorsement
from rankfile.motions.services.motions import motion_lock


def resolution_forward(*, motion: Motion, parent: Committee, by: Person) -> Forwarding:
    """Send an adopted resolution to a committee the motion's committee is affiliated to."""
    with transaction.atomic():
        locked = motion_lock(motion.pk)
        refusal = motion_refusal(locked, action=MotionAction.FORWARD)
        if refusal:
            raise RuleViolation(refusal)
        if not Affiliation.objects.filter(
            child_id=locked.committee_id, parent=parent, status=AffiliationStatus.ACCEPTED
        ).exists():
            raise RuleViolation(
                _("%(name)s is not a committee this committee belongs to.") % {"name": parent.name}
            )
        try:
            with transaction.atomic():
                forwarding = Forwarding.objects.create(
                    motion=locked, parent=parent, forwarded_by=by
                )
        except IntegrityError:
            raise RuleViolation(
                _("This resolution is already forwarded to %(name)s.") % {"name": parent.name}
            ) from None
        data = {"motion_id": locked.pk, "forwarding_id": forwarding.pk}
        audit_record_both(
            verb=AuditVerb.RESOLUTION_FORWARDED,
            other_verb=AuditVerb.RESOLUTION_RECEIVED,
            actor=by,
            committee=locked.committee,
            other_committee=parent,
            data={**data, "other_name": parent.name},
            other_data={**data, "other_name": locked.committee.name},
        )
    return forwarding


def resolution_endorse_refusal(forwarding: Forwarding, *, committee: Committee) -> str | None:
    """Why `committee` cannot endorse the forwarded resolution, or None (checked when its
    members are asked, and again when they have decided)."""
    if committee.pk == forwarding.motion.committee_id:
        return _("The committee that adopted the resolution already stands by it.")
    if not CommitteeClosure.objects.filter(
        ancestor_id=forwarding.parent_id, descendant_id=committee.pk, depth__gt=0
    ).exists():
        return _("Only committees under %(name)s endorse what is forwarded there.") % {
            "name": forwarding.parent.name
        }
    if ResolutionEndorsement.objects.filter(forwarding=forwarding, committee=committee).exists():
        return _("%(name)s already endorses this resolution.") % {"name": committee.name}
    return None


def resolution_endorse(
    *, forwarding: Forwarding, committee: Committee, by: Person | None
) -> ResolutionEndorsement:
    """A committee under the parent endorses a resolution forwarded there, once its members
    have adopted a motion to (the "endorse.resolution" decision; `by` closed that vote)."""
    with transaction.atomic():
        locked = (
            Forwarding.objects.select_for_update()
            .select_related("motion__committee", "parent")
            .get(pk=forwarding.pk)
        )
        refusal = resolution_endorse_refusal(locked, committee=committee)
        if refusal:
            raise RuleViolation(refusal)
        try:
            with transaction.atomic():
                endorsement = ResolutionEndorsement.objects.create(
                    forwarding=locked, committee=committee, endorsed_by=by
                )
        except IntegrityError:
            raise RuleViolation(
                _("%(name)s already endorses this resolution.") % {"name": committee.name}
            ) from None
        data = {"motion_id": locked.motion_id, "forwarding_id": locked.pk}
        audit_record_both(
            verb=AuditVerb.RESOLUTION_ENDORSED,
            other_verb=AuditVerb.RESOLUTION_ENDORSEMENT_RECEIVED,
            actor=by,
            committee=committee,
            other_committee=locked.parent,
            data={**data, "other_name": locked.motion.title},
            other_data={**data, "other_name": committee.name},
        )
    return endorsement
