"""The committee's cached count of active members, which bylaw shares and weights read."""

from __future__ import annotations

from django.db.models import F

from rankfile.committees.models import Committee


def active_member_count_change(*, committee_id: int, delta: int) -> None:
    """Move the cached count in the database, not from a value read earlier, so two
    admissions committed at once both count."""
    Committee.objects.filter(pk=committee_id).update(
        active_member_count=F("active_member_count") + delta
    )
