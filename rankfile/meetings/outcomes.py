"""Approving minutes is a decision of the members: a quorate meeting records it, or the
members adopt a motion of kind "minutes" (in a later meeting or by a vote outside one), applied
here as the "motion.minutes" decision (rankfile.core.decisions)."""

from __future__ import annotations

from rankfile.core.decisions import Decision
from rankfile.meetings.services import minutes_approve_by_decision


def minutes_decided(decision: Decision) -> None:
    minutes_approve_by_decision(
        minutes_id=decision.data["minutes_id"],
        generated_at=decision.data["generated_at"],
        motion_id=decision.data["motion_id"],
        title=decision.title,
        by=decision.by,
    )
