"""Human sentences for audit events, translated, with erased people shown as "a former member"."""

from __future__ import annotations

from django.utils.translation import gettext as _

from rankfile.audit.models import AuditEvent
from rankfile.audit.verbs import AuditVerb


def person_label(person: object | None, *, is_by_system: bool = False) -> str:
    if person is not None:
        return str(getattr(person, "handle", ""))
    return _("the system") if is_by_system else _("a former member")


def _role_label(code: str) -> str:
    from rankfile.committees.models import RoleKind

    return str(RoleKind(code).label) if code in RoleKind.values else code


def describe_event(event: AuditEvent) -> str:
    template = AuditVerb(event.verb).label if event.verb in AuditVerb.values else None
    values = {
        "actor": person_label(event.actor, is_by_system=event.is_by_system),
        "subject": person_label(event.subject),
        "other": str(event.data.get("other_name", "")),
        "role": _role_label(str(event.data.get("role", ""))),
    }
    if template is None:
        return f"{values['actor']}: {event.verb}"
    return str(template) % values
