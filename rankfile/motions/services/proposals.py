"""Motions whose adoption binds the committee: new bylaws, approving minutes, starting or
endorsing a campaign, endorsing another committee's resolution. No officer does these alone:
whoever asks for one proposes a motion of its kind, with its effect prepared in `effect` and
stated in words in its text; the members second it, put it on a meeting's agenda and vote on it
like any motion, and the app that owns the effect applies it on adoption (a "motion.<kind>"
decision, rankfile.core.decisions)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.models import Committee
from rankfile.core.errors import RuleViolation
from rankfile.meetings.lifecycle import moment
from rankfile.motions.lifecycle import MotionAction, motion_refusal
from rankfile.motions.models import Motion, MotionKind, MotionStatus
from rankfile.motions.services.motions import (
    _audit,
    _clean_title_and_text,
    motion_lock,
    require_active_member,
)
from rankfile.votes.electorate import ballot_is_secret
from rankfile.votes.models import Majority
from rankfile.votes.services import poll_create_motion, poll_open


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


def motion_put_to_poll(
    *,
    motion: Motion,
    by: Person,
    closes_at: datetime,
    majority: str = Majority.SIMPLE,
    is_secret: bool | None = None,
) -> Motion:
    """Put a seconded motion to a vote of the members (of the delegates, in a coordinating
    committee) outside a meeting, open until `closes_at`: at least the bylaws'
    `async_voting_hours` from now. The votes app settles the motion when the poll closes, as
    for a vote in a meeting."""
    with transaction.atomic():
        locked = motion_lock(motion.pk)
        refusal = motion_refusal(locked, action=MotionAction.PUT_TO_POLL)
        if refusal:
            raise RuleViolation(refusal)
        hours = bylaws_effective(committee=locked.committee).async_voting_hours
        earliest = timezone.now() + timedelta(hours=hours)
        if closes_at < earliest:
            raise RuleViolation(
                _(
                    "A vote outside a meeting lasts at least %(hours)d hours: "
                    "it can close from %(when)s."
                )
                % {"hours": hours, "when": moment(earliest)}
            )
        poll = poll_create_motion(
            committee=locked.committee,
            by=by,
            title=locked.title,
            majority=majority,
            is_secret=ballot_is_secret(is_secret, committee=motion.committee),
            motion=locked,
            closes_at=closes_at,
        )
        poll_open(poll=poll, by=by)
        locked.status = MotionStatus.VOTING
        locked.voting_at = timezone.now()
        locked.save(update_fields=["status", "voting_at"])
        _audit(AuditVerb.MOTION_PUT_TO_VOTE, locked, by=by)
    return locked
