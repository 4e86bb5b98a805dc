"""Amendments: motions on a motion that replace, insert or delete words. Moved and seconded
like a motion, voted yes / no, and applied to the amended motion's text when carried."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.core.errors import RuleViolation
from rankfile.motions.lifecycle import MotionAction, motion_refusal
from rankfile.motions.models import Motion, MotionStatus
from rankfile.motions.services.motions import (
    motion_lock,
    motion_lock_with_parent,
    motion_second,
    require_active_member,
)
from rankfile.motions.text import amended_text, amendment_text_refusal


def amendment_propose(
    *, motion: Motion, by: Person, kind: str, target_text: str, new_text: str
) -> Motion:
    """Move an amendment: it is submitted at once and needs a seconder."""
    with transaction.atomic():
        parent = motion_lock(motion.pk)
        require_active_member(by, parent.committee_id)
        refusal = motion_refusal(parent, action=MotionAction.AMEND, person=by)
        refusal = refusal or amendment_text_refusal(
            text=parent.text, kind=kind, target_text=target_text, new_text=new_text
        )
        if refusal:
            raise RuleViolation(refusal)
        number = parent.amendments.count() + 1
        now = timezone.now()
        amendment = Motion.objects.create(
            committee_id=parent.committee_id,
            title=(_("Amendment %(n)d to “%(title)s”") % {"n": number, "title": parent.title})[
                :160
            ],
            text=new_text.strip(),
            original_text=new_text.strip(),
            proposer=by,
            status=MotionStatus.SUBMITTED,
            created_at=now,
            submitted_at=now,
            amends=parent,
            amendment_kind=kind,
            target_text=target_text[:2000],
            new_text=new_text.strip()[:4000],
        )
        audit_record(
            verb=AuditVerb.AMENDMENT_PROPOSED,
            actor=by,
            committee=parent.committee,
            data={"motion_id": amendment.pk, "amends_id": parent.pk, "other_name": parent.title},
        )
    return amendment


def amendment_second(*, amendment: Motion, by: Person) -> Motion:
    if not amendment.is_amendment:
        raise RuleViolation(_("That is not an amendment."))
    return motion_second(motion=amendment, by=by)


def amendment_apply(*, amendment: Motion, by: Person | None) -> Motion:
    """Apply a carried amendment to the motion it amends (done when its poll closes). A text
    that no longer holds the words (it cannot happen: only one amendment of a motion is voted
    at a time and the words are checked when it is put to the vote) is refused."""
    with transaction.atomic():
        locked, parent = motion_lock_with_parent(amendment.pk)
        if parent is None or locked.status != MotionStatus.ADOPTED:
            raise RuleViolation(_("Only a carried amendment is applied."))
        if locked.applied_at is not None:
            raise RuleViolation(_("This amendment is already applied."))
        refusal = amendment_text_refusal(
            text=parent.text,
            kind=locked.amendment_kind,
            target_text=locked.target_text,
            new_text=locked.new_text,
        )
        if refusal:
            raise RuleViolation(refusal)
        parent.text = amended_text(
            text=parent.text,
            kind=locked.amendment_kind,
            target_text=locked.target_text,
            new_text=locked.new_text,
        )
        parent.save(update_fields=["text"])
        locked.applied_at = timezone.now()
        locked.save(update_fields=["applied_at"])
        audit_record(
            verb=AuditVerb.AMENDMENT_APPLIED,
            actor=by,
            committee=parent.committee,
            data={"motion_id": locked.pk, "amends_id": parent.pk, "other_name": parent.title},
        )
    return locked
