"""What a decision changes, applied by the app that owns what it changes.

A closed poll, or an adopted motion, is a `Decision` of a kind ("poll.election",
"poll.recall", "poll.motion", "motion.<kind>"...). The app that owns what the decision changes
registers one handler for its kind in its `AppConfig.ready()`; the app that took the decision
calls `decision_apply` and knows nothing of seats, roles, motions or bylaws. Adding a kind of
decision is one handler in one place.

Handlers run inside the deciding transaction, in a savepoint. A refusal by the owning app's
rules (a winner who left the committee meanwhile, a motion withdrawn) never undoes the decision:
the handler's savepoint is rolled back and `Decision.refused` records what was not done and why.
A handler that applies several steps calls `decision_step` for each, so that one refused step
does not stop the others.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from rankfile.core.errors import RuleViolation

# (the person the refused step concerned, or None; the reason shown in the log)
Refusal = Callable[[Any, str], None]


def _refusal_ignored(subject: Any, reason: str) -> None:
    return None


@dataclass(frozen=True)
class Decision:
    kind: str
    committee_id: int
    adopted: bool
    title: str
    data: Mapping[str, Any] = field(default_factory=dict)
    # The person whose action took the decision; None when a deadline did.
    by: Any = None
    refused: Refusal = _refusal_ignored


Handler = Callable[[Decision], None]

_handlers: dict[str, Handler] = {}


def decision_handler_register(kind: str, handler: Handler) -> None:
    """One handler per kind: a second, different one is a configuration error, not an override."""
    existing = _handlers.get(kind)
    if existing is not None and existing is not handler:
        raise ImproperlyConfigured(f"Two handlers for decisions of kind {kind!r}.")
    _handlers[kind] = handler


def decision_handler(kind: str) -> Handler | None:
    return _handlers.get(kind)


def decision_apply(decision: Decision) -> bool:
    """Apply the decision through its kind's handler; False when no app handles the kind (a
    question put to the vote changes nothing)."""
    handler = _handlers.get(decision.kind)
    if handler is None:
        return False
    decision_step(decision, None, lambda: handler(decision))
    return True


def decision_step(decision: Decision, subject: Any, action: Callable[[], object]) -> bool:
    """Run one step of a decision in a savepoint; a refusal is recorded, not raised."""
    try:
        with transaction.atomic():
            action()
    except RuleViolation as refusal:
        decision.refused(subject, refusal.message)
        return False
    return True
