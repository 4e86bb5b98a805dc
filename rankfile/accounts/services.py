from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person, handle_skeleton, handle_validator
from rankfile.audit.models import AuditEvent
from rankfile.core.errors import RuleViolation


def account_create(
    *, handle: str, password: str, is_operator: bool = False, language: str = ""
) -> Person:
    handle_validator(handle)
    if Person.objects.filter(handle_skeleton=handle_skeleton(handle)).exists():
        raise RuleViolation(
            _("That handle is taken, or looks too much like one that is. Choose another.")
        )
    person = Person(handle=handle, is_operator=is_operator, language=language)
    try:
        validate_password(password, person)
    except ValidationError as error:
        raise RuleViolation(" ".join(error.messages)) from None
    person.set_password(password)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        raise RuleViolation(
            _("That handle is taken, or looks too much like one that is. Choose another.")
        ) from None
    return person


def account_update_contact(
    *, person: Person, email: str, real_name: str, phone: str, language: str
) -> Person:
    person.email = email.strip()
    person.real_name = real_name.strip()
    person.phone = phone.strip()
    person.language = language
    person.save(update_fields=["email", "real_name", "phone", "language"])
    return person


def account_set_notifications(*, person: Person, wanted: list[str]) -> None:
    """Store what the person turned off, so that kinds added later are on by default."""
    from rankfile.core.notify import NotificationKind

    person.notifications_off = sorted(set(NotificationKind.values) - set(wanted))
    person.save(update_fields=["notifications_off"])


def account_change_password(*, person: Person, old_password: str, new_password: str) -> None:
    if not person.check_password(old_password):
        raise RuleViolation(_("Your current password is not right."))
    try:
        validate_password(new_password, person)
    except ValidationError as error:
        raise RuleViolation(" ".join(error.messages)) from None
    person.set_password(new_password)
    person.save(update_fields=["password"])


def account_erase(*, person: Person) -> None:
    """Delete the account and every piece of personal data at once.

    Memberships, roles, seats, vouches and contact details go with the row. Audit events that
    named the person keep their place in the log with the person set to NULL, and read
    "a former member".
    """
    from rankfile.committees.services import person_erase_memberships

    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        person_erase_memberships(person=locked)
        locked.delete()


def account_export(*, person: Person) -> dict[str, Any]:
    """Everything the platform holds about the person, as plain JSON."""
    return {
        "format": "rankfile-account-export/1",
        "account": {
            "handle": person.handle,
            "email": person.email,
            "real_name": person.real_name,
            "phone": person.phone,
            "language": person.language,
            "notifications_off": list(person.notifications_off or []),
            "joined_at": _when(person.joined_at),
            "last_login": _when(person.last_login),
        },
        **_committee_records(person),
        "audit_events_by_me": [
            {"verb": e.verb, "at": _when(e.created_at), "committee_id": e.committee_id}
            for e in AuditEvent.objects.filter(actor=person).order_by("id")
        ],
    }


def _when(value: Any) -> str | None:
    return value.isoformat() if value else None


def _committee_records(person: Person) -> dict[str, list[dict[str, Any]]]:
    """The person's memberships, roles, delegate seats and vouches."""
    from rankfile.committees.models import DelegateSeat, Membership, Role, Vouch

    memberships = Membership.objects.filter(person=person).select_related("committee")
    roles = Role.objects.filter(person=person).select_related("committee")
    seats = DelegateSeat.objects.filter(person=person).select_related("parent", "committee")
    vouches = Vouch.objects.filter(voucher=person).select_related("membership__committee")
    return {
        "memberships": [
            {
                "committee": m.committee.name,
                "status": m.status,
                "shares_contact_with_secretaries": m.shares_contact,
                "applied_at": _when(m.applied_at),
                "joined_at": _when(m.joined_at),
                "left_at": _when(m.left_at),
            }
            for m in memberships
        ],
        "roles": [
            {
                "committee": r.committee.name,
                "role": r.kind,
                "started_at": _when(r.started_at),
                "ended_at": _when(r.ended_at),
            }
            for r in roles
        ],
        "delegate_seats": [
            {
                "on": s.parent.name,
                "for": s.committee.name,
                "started_at": _when(s.started_at),
                "ended_at": _when(s.ended_at),
                "end_reason": s.end_reason,
            }
            for s in seats
        ],
        "vouches_given": [
            {"committee": v.membership.committee.name, "at": _when(v.created_at)} for v in vouches
        ],
    }
