"""The poll lifecycle in one place: what may happen in which state, and why not yet.

    draft --(poll_open: electorate frozen)--> open --(poll_close: board published)--> closed

Nominations are made and accepted while an election is a draft. Ballots are cast and replaced
while the poll is open and before its closing time; after that moment a poll is as good as
closed, even if `polls_tick` has not closed it yet.
"""

from __future__ import annotations

import enum
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rankfile.votes.models import Poll, PollKind, PollStatus


class PollAction(enum.Enum):
    OPEN = "open"
    CLOSE = "close"
    CAST = "cast"
    REPLACE = "replace"
    NOMINATE = "nominate"


def moment(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def poll_is_past_closing(
    *, status: str, closes_at: datetime | None, now: datetime | None = None
) -> bool:
    return (
        status == PollStatus.OPEN and closes_at is not None and (now or timezone.now()) >= closes_at
    )


def poll_state_refusal(
    *,
    action: PollAction,
    kind: str,
    status: str,
    closes_at: datetime | None,
    closed_at: datetime | None,
    now: datetime | None = None,
    waiting: int = 0,
) -> str | None:
    """Why `action` is not allowed in this state, or None. Takes the fields rather than a Poll so
    that the cast path can check the row it locked without loading a model.

    `waiting` (for CLOSE): electors of a poll outside a meeting who have not voted yet; such a
    poll closes by hand before its deadline only when nobody is waiting (rankfile.votes.floors).
    A poll held in a meeting passes 0: the chair closes it there."""
    now = now or timezone.now()
    if action == PollAction.NOMINATE:
        if kind != PollKind.ELECTION:
            return _("Only elections have candidates.")
        if status != PollStatus.DRAFT:
            return _("Nominations closed when the vote opened.")
        return None
    if action == PollAction.OPEN:
        if status == PollStatus.OPEN:
            return _("The vote is already open.")
        if status == PollStatus.CLOSED:
            return _("The vote is closed.")
        if closes_at is not None and closes_at <= now:
            return _("The closing time (%(when)s) has passed: set a later one.") % {
                "when": moment(closes_at)
            }
        return None
    if action == PollAction.CLOSE:
        if status == PollStatus.DRAFT:
            return _("The vote has not opened yet.")
        if status == PollStatus.CLOSED:
            return _("The vote is already closed.")
        if waiting > 0 and closes_at is not None and now < closes_at:
            return ngettext(
                "This vote is held outside a meeting: it closes at %(when)s, and not before, "
                "while %(waiting)d elector has not voted.",
                "This vote is held outside a meeting: it closes at %(when)s, and not before, "
                "while %(waiting)d electors have not voted.",
                waiting,
            ) % {"when": moment(closes_at), "waiting": waiting}
        return None
    # CAST and REPLACE
    if status == PollStatus.DRAFT:
        return _("The vote has not opened yet.")
    if status == PollStatus.CLOSED:
        assert closed_at is not None
        return _("The vote closed on %(when)s.") % {"when": moment(closed_at)}
    if poll_is_past_closing(status=status, closes_at=closes_at, now=now):
        assert closes_at is not None
        return _("The vote closed at %(when)s; the result is being published.") % {
            "when": moment(closes_at)
        }
    return None


def poll_waiting(poll: Poll) -> int:
    """Electors who have not voted yet, in an open poll outside a meeting (0 otherwise)."""
    from rankfile.votes.models import VoteCast

    if poll.status != PollStatus.OPEN or poll.meeting_id is not None:
        return 0
    return max(0, poll.electorate_size - VoteCast.objects.filter(poll_id=poll.pk).count())


def poll_refusal(poll: Poll, action: PollAction, *, now: datetime | None = None) -> str | None:
    """Why `action` is not allowed on the poll now, or None."""
    return poll_state_refusal(
        action=action,
        kind=poll.kind,
        status=poll.status,
        closes_at=poll.closes_at,
        closed_at=poll.closed_at,
        now=now,
        waiting=poll_waiting(poll) if action == PollAction.CLOSE else 0,
    )
