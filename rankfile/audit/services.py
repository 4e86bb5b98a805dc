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
