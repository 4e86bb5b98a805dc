"""Reads that the recall pages share."""

from __future__ import annotations

from django.db.models import QuerySet

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee, DelegateSeat, Role, RoleKind
from rankfile.recalls.models import RecallPetition, RecallPetitionStatus, RecallSignature
from rankfile.recalls.titles import holder_label


def recall_petitions_collecting(*, committee: Committee) -> QuerySet[RecallPetition]:
    return (
        RecallPetition.objects.filter(committee=committee, status=RecallPetitionStatus.COLLECTING)
        .select_related("holder", "seat__parent", "role")
        .order_by("closes_at")
    )


def recall_petitions_past(*, committee: Committee, limit: int = 20) -> list[RecallPetition]:
    return list(
        RecallPetition.objects.filter(committee=committee)
        .exclude(status=RecallPetitionStatus.COLLECTING)
        .select_related("holder", "seat__parent", "role", "poll", "by_election")
        .order_by("-opened_at")[:limit]
    )


def recall_targets(*, committee: Committee) -> list[tuple[str, str]]:
    """(value, label) for every seat and role that can be recalled now."""
    seats = DelegateSeat.objects.filter(committee=committee, ended_at__isnull=True).select_related(
        "person", "parent"
    )
    roles = Role.objects.filter(committee=committee, ended_at__isnull=True).select_related("person")
    from django.utils.translation import gettext as _

    choices = [
        (
            f"seat-{seat.pk}",
            _("%(holder)s, delegate to %(parent)s")
            % {"holder": holder_label(seat.person), "parent": seat.parent.name},
        )
        for seat in seats.order_by("parent__name", "person__handle")
    ]
    choices += [
        (
            f"role-{role.pk}",
            _("%(holder)s, %(role)s")
            % {"holder": holder_label(role.person), "role": RoleKind(role.kind).label},
        )
        for role in roles.order_by("kind", "person__handle")
    ]
    return choices


def recall_target_of(
    *, committee: Committee, value: str
) -> tuple[DelegateSeat | None, Role | None]:
    kind, _dash, pk = value.partition("-")
    if not pk.isdigit():
        return None, None
    if kind == "seat":
        return DelegateSeat.objects.filter(committee=committee, pk=int(pk)).first(), None
    if kind == "role":
        return None, Role.objects.filter(committee=committee, pk=int(pk)).first()
    return None, None


def recall_signed_ids(*, person: Person, petition_ids: list[int]) -> set[int]:
    return set(
        RecallSignature.objects.filter(person=person, petition_id__in=petition_ids).values_list(
            "petition_id", flat=True
        )
    )
