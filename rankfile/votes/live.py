"""Live refreshes of poll pages (and of the meeting page that shows the poll).

A change of state (created, opened, closed) always refreshes. A ballot refreshes the turnout at
most once per `TURNOUT_REFRESH_SECONDS` per poll: in a mass meeting 5,000 people cast within a
minute while 5,000 pages watch, and one refresh per ballot would make every page fetch its
section hundreds of times a second. During a burst the shown turnout may therefore lag by up to
that long; the close refreshes it to the exact figure.
"""

from __future__ import annotations

from django.core.cache import cache

from rankfile.core.live import live_refresh
from rankfile.votes.models import Poll

TURNOUT_REFRESH_SECONDS = 1


def poll_refresh(poll: Poll) -> None:
    live_refresh(f"poll-{poll.pk}", "poll")
    if poll.meeting_id is not None:
        live_refresh(f"meeting-{poll.meeting_id}", "polls")


def poll_turnout_refresh(*, poll_id: int, meeting_id: int | None) -> None:
    """After a ballot: refresh unless a refresh went out less than a second ago."""
    if not cache.add(f"votes:turnout-refresh:{poll_id}", 1, timeout=TURNOUT_REFRESH_SECONDS):
        return
    live_refresh(f"poll-{poll_id}", "poll")
    if meeting_id is not None:
        live_refresh(f"meeting-{meeting_id}", "polls")
