"""The scheduled check of every open campaign: deadlines, end dates, and workforce estimates
that changed without a pledge. Run by `rankfile campaigns_tick` from cron (every few minutes),
or enqueued as the `campaigns_tick_task` task."""

from __future__ import annotations

from django.db.models import Q
from django_tasks import task

from rankfile.strikes.models import Campaign, CampaignStatus
from rankfile.strikes.services import campaign_evaluate


def campaigns_tick() -> dict[str, int]:
    """Evaluate every campaign that time or counts can still move; returns how many ended in
    each state. Each campaign is its own transaction."""
    open_ids = list(
        Campaign.objects.filter(
            Q(status=CampaignStatus.COLLECTING)
            | Q(status=CampaignStatus.TRIGGERED, ends_on__isnull=False)
        ).values_list("pk", flat=True)
    )
    outcome: dict[str, int] = {}
    for campaign in Campaign.objects.filter(pk__in=open_ids).order_by("pk"):
        status = campaign_evaluate(campaign=campaign).status
        outcome[status] = outcome.get(status, 0) + 1
    return outcome


@task()
def campaigns_tick_task() -> dict[str, int]:
    return campaigns_tick()
