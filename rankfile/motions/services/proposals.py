"""Motions whose adoption binds the committee: new bylaws, approving minutes, starting or
endorsing a campaign, endorsing another committee's resolution. No officer does these alone:
whoever asks for one proposes a motion of its kind, with its effect prepared in `effect` and
stated in words in its text; the members second it, put it on a meeting's agenda and vote on it
like any motion, and the app that owns the effect applies it on adoption (a "motion.<kind>"
decision, rankfile.core.decisions)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.models import Committee
from rankfile.core.errors import RuleViolation
from rankfile.motions.models import Motion, MotionKind, MotionStatus
from rankfile.motions.services.motions import _audit, _clean_title_and_text, require_active_member


def motion_propose(
    *,
    committee: Committee,
    by: Person,
    kind: str,
    title: str,
    text: str,
    effect: dict[str, Any],
) -> Motion:
    """Submitted at once (no draft to edit: the text states the effect the motion carries), so
    it waits for a seconder like any submitted motion."""
    if kind not in MotionKind.values or kind == MotionKind.ORDINARY:
        raise RuleViolation(_("Unknown kind of motion."))
    title, text = _clean_title_and_text(title, text)
    with transaction.atomic():
        require_active_member(by, committee.pk)
        now = timezone.now()
        motion = Motion.objects.create(
            committee=committee,
            title=title,
            text=text,
            original_text=text,
            proposer=by,
            kind=kind,
            effect=effect,
            status=MotionStatus.SUBMITTED,
            created_at=now,
            submitted_at=now,
        )
        _audit(AuditVerb.MOTION_SUBMITTED, motion, by=by)
    return motion
