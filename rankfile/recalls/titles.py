"""How a recall's target reads: "dwayne, delegate to Twin Cities Transit RFC", "ana, chair"."""

from __future__ import annotations

from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.committees.models import RoleKind
from rankfile.recalls.models import RecallPetition


def holder_label(person: Person | None) -> str:
    return person.handle if person is not None else _("a former member")


def recall_target_label(petition: RecallPetition) -> str:
    holder = holder_label(petition.holder)
    if petition.seat is not None:
        return _("%(holder)s, delegate to %(parent)s") % {
            "holder": holder,
            "parent": petition.seat.parent.name,
        }
    if petition.role is not None:
        return _("%(holder)s, %(role)s") % {
            "holder": holder,
            "role": RoleKind(petition.role.kind).label,
        }
    return holder
