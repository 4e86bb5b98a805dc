"""Changing the bylaws: a decision of the members, never one officer's (docs/meetings.md,
"Decisions of the committee"). A proposal states the changed values, old and new; it becomes a
motion of kind "bylaws", and only its adoption changes them (`bylaws_apply_adopted`, called by
the "motion.bylaws" decision's handler). Values are checked when proposed and again when
adopted: the bylaws above may have changed meanwhile, or another change been adopted first.

A committee being founded is not stuck: while it has fewer active members than its quorum
minimum (it cannot hold a quorate meeting yet), its chair sets its bylaws directly."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.bylaws import (
    BYLAW_LABELS,
    bylaw_value_shown,
    bylaws_effective,
    bylaws_inherited_values,
)
from rankfile.committees.forms import BylawsForm
from rankfile.committees.models import Committee
from rankfile.core.errors import RuleViolation


def bylaws_founder_may_set(*, committee: Committee) -> bool:
    """Until the committee can meet with its quorum, its founder sets the bylaws alone."""
    return committee.active_member_count < bylaws_effective(committee=committee).quorum_minimum


def bylaws_changes(
    *, committee: Committee, overrides: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """What a form of new values changes: ({name: new value or None to inherit}, {name: the
    committee's own value now, or None where it inherits})."""
    current = committee.bylaws_overrides
    names = sorted(set(current) | set(overrides))
    changes = {
        name: overrides.get(name) for name in names if overrides.get(name) != current.get(name)
    }
    return changes, {name: current.get(name) for name in changes}


def bylaws_changes_text(*, committee: Committee, changes: dict[str, Any]) -> str:
    """The motion's text: each change in words, old value then new."""
    inherited = bylaws_inherited_values(committee=committee)
    effective = bylaws_effective(committee=committee)
    lines = [_("The committee changes its bylaws:")]
    for name, new in changes.items():
        old_shown = bylaw_value_shown(getattr(effective, name))
        new_shown = (
            bylaw_value_shown(new)
            if new is not None
            else _("as the committee above (%(value)s)")
            % {"value": bylaw_value_shown(inherited.get(name))}
        )
        lines.append(f"- {BYLAW_LABELS.get(name, name)}: {old_shown} → {new_shown}")
    return "\n".join(lines)


def bylaws_changes_refusal(*, committee: Committee, changes: dict[str, Any]) -> str | None:
    """Why these changes cannot be bylaws of the committee, or None: each value is checked by
    the bylaws form's rules (one definition of what a valid value is)."""
    if not changes:
        return _("Nothing changes: change at least one value.")
    inherited = bylaws_inherited_values(committee=committee)
    merged = {**committee.bylaws_overrides, **changes}
    form = BylawsForm(
        {name: _form_value(value) for name, value in merged.items()}, inherited=inherited
    )
    unknown = [name for name in changes if name not in form.fields]
    if unknown:
        return _("These bylaws cannot be changed: %(names)s.") % {"names": ", ".join(unknown)}
    if not form.is_valid():
        return " ".join(
            f"{BYLAW_LABELS.get(name, name)}: {' '.join(str(error) for error in errors)}"
            for name, errors in form.errors.items()
            if name in changes
        ) or _("These values are not valid bylaws.")
    return None


def _form_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def bylaws_apply_adopted(
    *, committee_id: int, changes: dict[str, Any], motion_id: int, title: str, by: Person | None
) -> None:
    """Apply the changes an adopted motion carries, under the committee row lock, and write
    old and new values in the log. Refused (the motion stays adopted) if they are no longer
    valid."""
    with transaction.atomic():
        locked = Committee.objects.select_for_update().get(pk=committee_id)
        refusal = bylaws_changes_refusal(committee=locked, changes=changes)
        if refusal:
            raise RuleViolation(refusal)
        before = dict(locked.bylaws_overrides)
        after = {name: value for name, value in {**before, **changes}.items() if value is not None}
        locked.bylaws_overrides = after
        locked.save(update_fields=["bylaws_overrides"])
        audit_record(
            verb=AuditVerb.COMMITTEE_BYLAWS_ADOPTED,
            actor=by,
            committee=locked,
            data={
                "motion_id": motion_id,
                "other_name": title,
                "before": before,
                "after": after,
                "changes": changes,
            },
        )
