from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from rankfile.audit.models import AuditEvent
from rankfile.audit.verbs import AuditVerb

if TYPE_CHECKING:
    from rankfile.accounts.models import Person
    from rankfile.committees.models import Committee


class AuditOutsideTransaction(RuntimeError):
    pass


def audit_record(
    *,
    verb: AuditVerb,
    actor: Person | None,
    committee: Committee | None = None,
    subject: Person | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write an audit event. Must run inside the service's transaction, so that the change and
    its record are committed together or not at all."""
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransaction("audit_record must be called inside transaction.atomic()")
    return AuditEvent.objects.create(
        verb=verb,
        actor=actor,
        is_by_system=actor is None,
        committee=committee,
        subject=subject,
        data=data or {},
    )


def audit_record_both(
    *,
    verb: AuditVerb,
    other_verb: AuditVerb | None = None,
    actor: Person | None,
    committee: Committee,
    other_committee: Committee,
    subject: Person | None = None,
    data: dict[str, Any] | None = None,
    other_data: dict[str, Any] | None = None,
    is_other_by_system: bool = False,
) -> tuple[AuditEvent, AuditEvent]:
    """Write an event that concerns two committees in each one's log, because the members of
    each read only their own: `verb` and `data` in `committee`'s, then `other_verb` and
    `other_data` (the same ones unless given) in `other_committee`'s. With
    `is_other_by_system` the second row names no person: there the committee speaks, not its
    officer."""
    event = audit_record(verb=verb, actor=actor, committee=committee, subject=subject, data=data)
    other_event = audit_record(
        verb=other_verb or verb,
        actor=None if is_other_by_system else actor,
        committee=other_committee,
        subject=subject,
        data=data if other_data is None else other_data,
    )
    return event, other_event
