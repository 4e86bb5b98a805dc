"""Live refreshes of poll pages (and of the meeting page that shows the poll).

A change of state (created, opened, closed) always refreshes. A ballot refreshes the turnout at
most once per `TURNOUT_REFRESH_SECONDS` per poll and server process: in a mass meeting 5,000
people cast within a minute while 5,000 pages watch, and one refresh per ballot would make every
page fetch its section hundreds of times a second. During a burst the shown turnout may
therefore lag by up to that long; the close refreshes it to the exact figure.

The throttle is kept in the process's memory, not in the shared cache: asking Redis on every
ballot cost a connection per request (Django's cache clients live per thread, and every ASGI
request has its own thread). With N server processes a poll gets at most N refreshes a second.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from rankfile.core.live import live_message, live_refresh
from rankfile.votes.models import Poll

TURNOUT_REFRESH_SECONDS = 1.0
_last_refresh: dict[int, float] = {}
_last_refresh_lock = threading.Lock()


def poll_refresh(poll: Poll) -> None:
    live_refresh(f"poll-{poll.pk}", "poll")
    if poll.meeting_id is not None:
        live_refresh(f"meeting-{poll.meeting_id}", "polls")


def _turnout_refresh_due(poll_id: int) -> bool:
    now = time.monotonic()
    with _last_refresh_lock:
        if now - _last_refresh.get(poll_id, float("-inf")) < TURNOUT_REFRESH_SECONDS:
            return False
        if len(_last_refresh) > 10_000:  # polls long closed; keep the table small
            _last_refresh.clear()
        _last_refresh[poll_id] = now
        return True


def _turnout_groups(*, poll_id: int, meeting_id: int | None) -> list[tuple[str, str]]:
    groups = [(f"poll-{poll_id}", "poll")]
    if meeting_id is not None:
        groups.append((f"meeting-{meeting_id}", "polls"))
    return groups


def poll_turnout_refresh(*, poll_id: int, meeting_id: int | None) -> None:
    """After a ballot: refresh unless a refresh went out less than a second ago."""
    if not _turnout_refresh_due(poll_id):
        return
    for group, section in _turnout_groups(poll_id=poll_id, meeting_id=meeting_id):
        live_refresh(group, section)


def poll_turnout_message_groups(
    *, poll_id: int, meeting_id: int | None
) -> list[tuple[str, dict[str, Any]]]:
    """The same refresh for a ballot written outside a transaction (votes.intake): the
    (group, message) pairs to send now, or none if a refresh went out less than a second ago."""
    if not _turnout_refresh_due(poll_id):
        return []
    return [
        (group, live_message(section))
        for group, section in _turnout_groups(poll_id=poll_id, meeting_id=meeting_id)
    ]
