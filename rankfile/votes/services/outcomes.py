"""What a closed poll changes is a `Decision` (rankfile.core.decisions) of kind "poll.<kind>",
applied by the app that owns what it changes: the committees app seats the winners of an
election and ends a recalled seat or role; the motions app adopts or rejects the motion. Runs
inside `poll_close`'s transaction. A refused step is a `poll.outcome_not_applied` event in the
committee's log; the result stands."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.core.decisions import Decision, decision_apply
from rankfile.votes.models import Poll, PollOption


def poll_decision(poll: Poll, *, options: Sequence[PollOption], by: Person | None) -> Decision:
    """The closed poll as a decision: its kind, whether it was adopted, and its targets."""
    by_label = {option.label: option for option in options}
    # Below the turnout floor of a vote outside a meeting the poll failed: nobody is elected.
    winner_ids = (
        []
        if poll.fell_short
        else [
            by_label[name].person_id
            for name in (poll.result or {}).get("winners", [])
            if name in by_label and by_label[name].person_id is not None
        ]
    )
    return Decision(
        kind=f"poll.{poll.kind}",
        committee_id=poll.committee_id,
        adopted=bool(poll.adopted) and not poll.fell_short,
        title=poll.title,
        data={
            "poll_id": poll.pk,
            "motion_id": poll.motion_id,
            "winner_ids": winner_ids,
            "seats": poll.seats,
            "seat_parent_id": poll.seat_parent_id,
            "role_kind": poll.role_kind,
            "recall_seat_id": poll.recall_seat_id,
            "recall_role_id": poll.recall_role_id,
        },
        by=by,
        refused=partial(_refusal_record, poll, by),
    )


def poll_outcome_apply(*, poll: Poll, options: Sequence[PollOption], by: Person | None) -> None:
    decision_apply(poll_decision(poll, options=options, by=by))


def _refusal_record(poll: Poll, by: Person | None, subject: Any, reason: str) -> None:
    audit_record(
        verb=AuditVerb.POLL_OUTCOME_NOT_APPLIED,
        actor=by,
        committee=poll.committee,
        subject=subject,
        data={"poll_id": poll.pk, "other_name": poll.title, "reason": reason},
    )
