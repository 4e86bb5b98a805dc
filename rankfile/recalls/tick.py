"""The scheduled work of recalls and terms: lapse petitions past their period, tell committees
of delegate terms ending soon (preparing their by-elections) and end seats past their term.
Run by `rankfile recalls_tick` from cron (every few minutes), or enqueued as `recalls_tick_task`.
Idempotent."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django_tasks import task

from rankfile.recalls.services import recall_petitions_lapse
from rankfile.recalls.terms import terms_tick


def recalls_tick(*, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    return {"lapsed": recall_petitions_lapse(now=now), **terms_tick(now=now)}


@task()
def recalls_tick_task() -> dict[str, int]:
    return recalls_tick()
