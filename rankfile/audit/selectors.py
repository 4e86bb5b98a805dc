from __future__ import annotations

from django.db.models import QuerySet

from rankfile.audit.models import AuditEvent


def audit_events_for_committee(*, committee_id: int, limit: int = 200) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(committee_id=committee_id)
        .select_related("actor", "subject")
        .order_by("-id")[:limit]
    )
