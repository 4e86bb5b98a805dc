"""The daily history rows: one per campaign, base committee and day, holding that day's changes."""

from __future__ import annotations

from datetime import date

from django.db.models import F

from rankfile.strikes.models import CampaignDay


def campaign_day_add(*, campaign_id: int, committee_id: int, day: date, **changes: int) -> None:
    """Add `changes` (pledged=1, ready=-1, ...) to the day's row, creating it if needed.

    Callers hold the campaign lock, so no other transaction creates the same row meanwhile;
    the unique constraint would refuse it if one did. F() keeps the update a single statement.
    """
    changes = {name: value for name, value in changes.items() if value}
    if not changes:
        return
    updated = CampaignDay.objects.filter(
        campaign_id=campaign_id, committee_id=committee_id, day=day
    ).update(**{name: F(name) + value for name, value in changes.items()})
    if not updated:
        CampaignDay.objects.create(
            campaign_id=campaign_id, committee_id=committee_id, day=day, **changes
        )
