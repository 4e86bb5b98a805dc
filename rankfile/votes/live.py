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
request has its own thread). With N server processes a poll gets at most N figures a second.
A ballot inside the second is not forgotten: one send is scheduled at its end.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from asgiref.sync import SyncToAsync, sync_to_async
from channels.layers import get_channel_layer
from django.db import connections, transaction

from rankfile.core.live import live_message, live_refresh, live_send
from rankfile.meetings.models import meeting_live_group
from rankfile.votes.models import Poll, VoteCast, poll_live_group

logger = logging.getLogger(__name__)

TURNOUT_REFRESH_SECONDS = 1.0


class TurnoutThrottle:
    """At most one turnout figure per poll per `period`, and never the last one lost: a ballot
    inside the period schedules one send at its end (which counts every ballot until then), and
    ballots while that send is pending need nothing more.

    `when(poll_id)` says when to send: 0.0 (now), a delay in seconds (then call `sent` when it
    goes out), or None (a send is already pending)."""

    def __init__(self, period: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.period, self.clock = period, clock
        self.last: dict[int, float] = {}
        self.pending: set[int] = set()
        self.lock = threading.Lock()

    def when(self, poll_id: int) -> float | None:
        now = self.clock()
        with self.lock:
            if poll_id in self.pending:
                return None
            wait = self.last.get(poll_id, float("-inf")) + self.period - now
            if wait <= 0:
                if len(self.last) > 10_000:  # polls long closed; keep the table small
                    self.last.clear()
                self.last[poll_id] = now
                return 0.0
            self.pending.add(poll_id)
            return wait

    def sent(self, poll_id: int) -> None:
        """The send scheduled by `when` goes out now."""
        with self.lock:
            self.pending.discard(poll_id)
            self.last[poll_id] = self.clock()

    def clear(self) -> None:
        with self.lock:
            self.last.clear()
            self.pending.clear()


turnout_throttle = TurnoutThrottle(TURNOUT_REFRESH_SECONDS)


def poll_refresh(poll: Poll) -> None:
    live_refresh(poll_live_group(poll.pk), "poll")
    if poll.meeting_id is not None:
        live_refresh(meeting_live_group(poll.meeting_id), "polls")


def turnout_figure(poll_id: int) -> str:
    """The name of a poll's turnout (votes cast) as a live figure on its page."""
    return f"poll-{poll_id}-cast"


def turnout_message(*, poll_id: int, votes_cast: int) -> dict[str, Any]:
    return live_message(figures={turnout_figure(poll_id): votes_cast})


def _votes_cast(poll_id: int) -> int:
    return VoteCast.objects.filter(poll_id=poll_id).count()


def _votes_cast_then_close(poll_id: int) -> int:
    """Count from a thread that is not a request's, and give its connection back."""
    try:
        return _votes_cast(poll_id)
    finally:
        connections.close_all()


async def _send_at_period_end(poll_id: int, delay: float) -> None:
    await asyncio.sleep(delay)
    turnout_throttle.sent(poll_id)
    try:
        votes_cast = await sync_to_async(_votes_cast_then_close, thread_sensitive=False)(poll_id)
        layer = get_channel_layer()
        if layer is not None:
            await layer.group_send(
                poll_live_group(poll_id), turnout_message(poll_id=poll_id, votes_cast=votes_cast)
            )
    except Exception:  # nobody to tell: the next ballot or the close sends it again
        logger.exception("the turnout figure of poll %s could not be sent", poll_id)


_pending_tasks: set[asyncio.Task[None]] = set()  # the loop keeps only weak references


def _schedule_on(loop: asyncio.AbstractEventLoop, poll_id: int, delay: float) -> None:
    def start() -> None:
        task = loop.create_task(_send_at_period_end(poll_id, delay))
        _pending_tasks.add(task)
        task.add_done_callback(_pending_tasks.discard)

    loop.call_soon_threadsafe(start)


def _server_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop of the ASGI server whose request this thread runs, if any (asgiref
    records it for the threads it runs synchronous code in)."""
    loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    return loop if isinstance(loop, asyncio.AbstractEventLoop) and loop.is_running() else None


def poll_turnout_refresh(*, poll_id: int) -> None:
    """After a ballot, once it is committed: the poll's watchers get the number of votes cast,
    now or at the end of the throttle's period: on the server's event loop (where an in-memory
    channel layer lives), or from a timer thread when there is no server (a command)."""

    def send() -> None:
        live_send(
            poll_live_group(poll_id),
            turnout_message(poll_id=poll_id, votes_cast=_votes_cast(poll_id)),
        )

    def send_later() -> None:
        turnout_throttle.sent(poll_id)
        live_send(
            poll_live_group(poll_id),
            turnout_message(poll_id=poll_id, votes_cast=_votes_cast_then_close(poll_id)),
        )

    def schedule() -> None:
        delay = turnout_throttle.when(poll_id)
        if delay == 0.0:
            send()
        elif delay is not None:
            loop = _server_loop()
            if loop is not None:
                _schedule_on(loop, poll_id, delay)
            else:
                timer = threading.Timer(delay, send_later)
                timer.daemon = True
                timer.start()

    transaction.on_commit(schedule, robust=True)
