"""A recall petition's lifecycle, and why a step is not allowed yet.

collecting --(the signature that reaches the share: the recall vote opens)--> succeeded
collecting --(recall_petition_days pass: recalls_tick)--> lapsed
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.models import Committee
from rankfile.core.shares import share_needed
from rankfile.recalls.models import RecallPetition, RecallPetitionStatus
from rankfile.votes.models import Poll, PollKind, PollStatus


def moment(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def recall_signatures_needed(*, committee: Committee) -> int:
    """The bylaws' share of the active members, rounded up; at least one."""
    percent = bylaws_effective(committee=committee).recall_petition_percent
    return max(1, share_needed(committee.active_member_count, percent))


def recall_sign_refusal(petition: RecallPetition, *, now: datetime | None = None) -> str | None:
    """Why the petition cannot be signed (or a signature withdrawn) now, or None."""
    now = now or timezone.now()
    if petition.status == RecallPetitionStatus.SUCCEEDED:
        return _("This petition has already called the recall vote.")
    if petition.status == RecallPetitionStatus.LAPSED or now >= petition.closes_at:
        return _("This petition lapsed on %(when)s.") % {"when": moment(petition.closes_at)}
    return None


def recall_cooldown_refusal(
    *, committee: Committee, holder_id: int, now: datetime | None = None
) -> str | None:
    """After a recall of this holder failed, no new petition for the bylaws' cool-down."""
    now = now or timezone.now()
    days = bylaws_effective(committee=committee).recall_cooldown_days
    failed = (
        Poll.objects.filter(
            committee=committee,
            kind=PollKind.RECALL,
            status=PollStatus.CLOSED,
            adopted=False,
            closed_at__gt=now - timedelta(days=days),
        )
        .filter(Q(recall_seat__person_id=holder_id) | Q(recall_role__person_id=holder_id))
        .order_by("-closed_at")
        .first()
    )
    if failed is None or failed.closed_at is None:
        return None
    return _(
        "A recall of this member failed on %(when)s: the bylaws allow a new petition from "
        "%(again)s on."
    ) % {"when": moment(failed.closed_at), "again": moment(failed.closed_at + timedelta(days=days))}


def recall_pending_refusal(*, seat_id: int | None, role_id: int | None) -> str | None:
    """A recall vote about this seat or role is already prepared or open."""
    target = Q(recall_seat_id=seat_id) if seat_id is not None else Q(recall_role_id=role_id)
    if Poll.objects.filter(target, kind=PollKind.RECALL).exclude(status=PollStatus.CLOSED).exists():
        return _("A recall vote about this is already prepared or open.")
    return None
