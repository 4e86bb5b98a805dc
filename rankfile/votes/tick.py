"""The scheduled check of open polls: close those whose closing time has passed, and tell the
electors who have not voted, once, when a vote is about to close. Run by `rankfile polls_tick`
from cron (every minute or few), or enqueued as the `polls_tick_task` task. Idempotent: a
second run at the same moment does nothing."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import task

from rankfile.core.errors import RuleViolation
from rankfile.votes.models import Poll, PollStatus
from rankfile.votes.services import BoardRefused, poll_close, poll_closing_notify

CLOSING_NOTICE = timedelta(hours=1)
logger = logging.getLogger("rankfile.votes")


def polls_tick(*, now: datetime | None = None) -> dict[str, int]:
    """Returns how many polls were closed, refused (their board did not add up: see the log),
    and warned about closing soon. Each poll is its own transaction."""
    now = now or timezone.now()
    outcome = {"closed": 0, "refused": 0, "warned": 0}
    due = Poll.objects.filter(status=PollStatus.OPEN, closes_at__lte=now).order_by("closes_at")
    for poll in due:
        try:
            poll_close(poll=poll, by=None)
        except BoardRefused:
            outcome["refused"] += 1
        except RuleViolation:
            continue  # closed by an officer in the meantime
        else:
            outcome["closed"] += 1
    soon = Poll.objects.filter(
        status=PollStatus.OPEN,
        closes_at__gt=now,
        closes_at__lte=now + CLOSING_NOTICE,
        closing_notice_at__isnull=True,
    ).order_by("closes_at")
    for poll in soon:
        if poll_closing_notify(poll=poll, now=now) is not None:
            outcome["warned"] += 1
    return outcome


@task()
def polls_tick_task() -> dict[str, int]:
    return polls_tick()
