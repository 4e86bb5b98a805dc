"""Floors for votes held outside a meeting (docs/votes.md, "Votes outside a meeting").

A poll with no meeting is *asynchronous*: members vote from wherever they are, over days, and
nobody is in a room to see who took part. So the bylaws set floors that a meeting does not need:

* a **shortest voting period** (`async_voting_hours`; for a recall `recall_voting_hours`): the
  closing time is at least that long after the opening, checked when the poll is prepared and
  again when it opens (a poll opened without a closing time gets the shortest period);
* a **turnout floor** (`async_turnout_percent` of the electorate, frozen at the opening): below
  it the poll fails (not adopted; in an election nobody is elected) and its result says why;
* **no early close by hand**: before its deadline an officer may close it only once every elector
  has voted (`rankfile.votes.lifecycle`, CLOSE).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from rankfile.committees.bylaws import Bylaws, bylaws_effective
from rankfile.committees.models import Committee
from rankfile.core.shares import share_needed
from rankfile.votes.models import Poll, PollKind


def voting_hours_minimum(*, bylaws: Bylaws, kind: str) -> int:
    return bylaws.recall_voting_hours if kind == PollKind.RECALL else bylaws.async_voting_hours


def closes_at_refusal(
    *, committee: Committee, kind: str, closes_at: datetime, opens_at: datetime
) -> str | None:
    """Why this closing time is too early for a vote outside a meeting that opens at `opens_at`,
    or None."""
    from rankfile.votes.lifecycle import moment

    hours = voting_hours_minimum(bylaws=bylaws_effective(committee=committee), kind=kind)
    earliest = opens_at + timedelta(hours=hours)
    if closes_at >= earliest:
        return None
    return _(
        "A vote outside a meeting stays open at least %(hours)d hours (the bylaws): "
        "set a closing time from %(when)s on."
    ) % {"hours": hours, "when": moment(earliest)}


def turnout_needed(*, electorate: int, percent: int) -> int:
    """Votes the floor asks for: at least one when the floor is above zero."""
    if percent <= 0:
        return 0
    return max(1, share_needed(electorate, percent))


def poll_falls_short(poll: Poll, *, votes_cast: int) -> bool:
    if poll.turnout_floor_percent is None:
        return False
    needed = turnout_needed(electorate=poll.electorate_size, percent=poll.turnout_floor_percent)
    return votes_cast < needed


def turnout_sentence(poll: Poll, *, votes_cast: int) -> str:
    """'turnout 30% of 44; the bylaws ask 50%', or '' for a poll with no floor."""
    if poll.turnout_floor_percent is None:
        return ""
    percent = (100 * votes_cast // poll.electorate_size) if poll.electorate_size else 0
    return _("turnout %(percent)d%% of %(electorate)d; the bylaws ask %(floor)d%%") % {
        "percent": percent,
        "electorate": poll.electorate_size,
        "floor": poll.turnout_floor_percent,
    }
