"""Live refreshes of poll pages (and of the meeting page that shows the poll).

A change of state (created, opened, closed) refreshes the poll's section on its page and the
meeting's list of votes. A ballot only changes the turnout: its watchers get the number of votes
cast as a live figure (`core.live`), put in place without a request, at most once per
`TURNOUT_REFRESH_SECONDS` per poll and server process. In a mass meeting 5,000 people cast
within a minute while thousands of pages watch: a section refetch per refresh would be
thousands of requests a second in the middle of the vote. The meeting page does not show
turnout, so ballots do not touch it. During a burst the shown turnout may lag by up to a
second; the close refreshes the section to the exact figure.

The throttle is kept in the process's memory, not in the shared cache: asking Redis on every
ballot cost a connection per request (Django's cache clients live per thread, and every ASGI
request has its own thread). With N server processes a poll gets at most N refreshes a second.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from django.db import transaction

from rankfile.core.live import live_message, live_refresh, live_send
from rankfile.votes.models import Poll, VoteCast

TURNOUT_REFRESH_SECONDS = 1.0
_last_refresh: dict[int, float] = {}
_last_refresh_lock = threading.Lock()


def poll_refresh(poll: Poll) -> None:
    live_refresh(f"poll-{poll.pk}", "poll")
    if poll.meeting_id is not None:
        live_refresh(f"meeting-{poll.meeting_id}", "polls")


def turnout_refresh_due(poll_id: int) -> bool:
    now = time.monotonic()
    with _last_refresh_lock:
        if now - _last_refresh.get(poll_id, float("-inf")) < TURNOUT_REFRESH_SECONDS:
            return False
        if len(_last_refresh) > 10_000:  # polls long closed; keep the table small
            _last_refresh.clear()
        _last_refresh[poll_id] = now
        return True


def turnout_figure(poll_id: int) -> str:
    """The name of a poll's turnout (votes cast) as a live figure on its page."""
    return f"poll-{poll_id}-cast"


def turnout_message(*, poll_id: int, votes_cast: int) -> dict[str, Any]:
    return live_message(figures={turnout_figure(poll_id): votes_cast})


def poll_turnout_refresh(*, poll_id: int) -> None:
    """After a ballot, once it is committed: the poll's watchers get the number of votes cast,
    unless it went out less than a second ago."""

    def send() -> None:
        if not turnout_refresh_due(poll_id):
            return
        votes_cast = VoteCast.objects.filter(poll_id=poll_id).count()
        live_send(f"poll-{poll_id}", turnout_message(poll_id=poll_id, votes_cast=votes_cast))

    transaction.on_commit(send, robust=True)
