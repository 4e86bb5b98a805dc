"""Casting and replacing ballots.

Casting is one transaction that writes two rows sharing nothing: `VoteCast(poll, voter)` and a
sealed `Ballot` (random key, no voter, no time). No audit event is written (it would name the
voter at the moment of the ballot), and nothing is logged. The tracker and the secret are
returned once, to be shown to the voter, and stored nowhere in clear.

On PostgreSQL a ballot holds a share lock on the poll row until it commits, and `poll_close`
takes the row for update: a close waits for the ballots in flight and a ballot that starts after
the close sees the poll closed, so no ballot is ever committed after its board was built.
SQLite runs one writing transaction at a time (`transaction_mode = IMMEDIATE`), which gives the
same guarantee.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.core.errors import RuleViolation
from rankfile.votes.content import ballot_content_check, option_ids
from rankfile.votes.lifecycle import PollAction, poll_state_refusal
from rankfile.votes.live import poll_turnout_refresh
from rankfile.votes.models import WEIGHT_PLACES, Ballot, Elector, Poll, PollOption, VoteCast
from rankfile.votes.secrecy import (
    new_secret,
    new_tracker,
    seal,
    secret_digest,
    secret_matches,
    tracker_lookup,
)


@dataclass(frozen=True)
class Receipt:
    """What the voter is shown once: the tracker to find the ballot on the board, and the
    secret that lets them replace it until the close."""

    tracker: str
    secret: str


@dataclass(frozen=True)
class _CastState:
    kind: str
    status: str
    is_secret: bool
    meeting_id: int | None
    closes_at: datetime | None
    closed_at: datetime | None
    weight: Decimal | None  # None: not an elector


def _cast_state(*, poll_id: int, person_id: int) -> _CastState:
    """The poll's state and the person's weight, in one query that (on PostgreSQL) takes a
    share lock on the poll row until the transaction ends."""
    lock = " FOR KEY SHARE OF p" if connection.vendor == "postgresql" else ""
    sql = (
        "SELECT p.id, p.kind, p.status, p.is_secret, p.meeting_id, p.closes_at, p.closed_at, "
        "CAST(e.weight AS TEXT) AS elector_weight "
        f"FROM {Poll._meta.db_table} p LEFT JOIN {Elector._meta.db_table} e "
        "ON e.poll_id = p.id AND e.person_id = %s WHERE p.id = %s" + lock
    )
    rows = list(Poll.objects.raw(sql, [person_id, poll_id]))
    if not rows:
        raise RuleViolation(_("This vote does not exist any more."))
    row = rows[0]
    weight_text = getattr(row, "elector_weight", None)
    return _CastState(
        kind=row.kind,
        status=row.status,
        is_secret=row.is_secret,
        meeting_id=row.meeting_id,
        closes_at=row.closes_at,
        closed_at=row.closed_at,
        weight=None if weight_text is None else Decimal(weight_text).quantize(WEIGHT_PLACES),
    )


def _content_checked(*, poll: Poll, content: Any, options: Sequence[PollOption] | None) -> Any:
    if options is None:
        options = list(PollOption.objects.filter(poll_id=poll.pk))
    return ballot_content_check(
        method=poll.method,
        option_ids=option_ids(method=poll.method, options=options),
        content=content,
    )


def _refusal(state: _CastState, action: PollAction) -> str | None:
    return poll_state_refusal(
        action=action,
        kind=state.kind,
        status=state.status,
        closes_at=state.closes_at,
        closed_at=state.closed_at,
        now=timezone.now(),
    )


def ballot_cast(
    *,
    poll: Poll,
    voter: Person,
    content: Any,
    options: Sequence[PollOption] | None = None,
) -> Receipt:
    """Cast the voter's ballot (content in the board format, see votes.content). `options` may
    be passed when the caller has them already. Raises RuleViolation with the reason when the
    ballot is refused; then nothing is written."""
    content = _content_checked(poll=poll, content=content, options=options)
    tracker, secret = new_tracker(), new_secret()
    try:
        with transaction.atomic():
            state = _cast_state(poll_id=poll.pk, person_id=voter.pk)
            refusal = _refusal(state, PollAction.CAST)
            if refusal is not None:
                raise RuleViolation(refusal)
            if state.weight is None:
                raise RuleViolation(
                    _("You are not in this vote's electorate (it was fixed when it opened).")
                )
            VoteCast.objects.create(
                poll_id=poll.pk,
                voter_id=voter.pk,
                roll_call=None if state.is_secret else {"tracker": tracker, "content": content},
            )
            Ballot.objects.create(
                poll_id=poll.pk,
                lookup=tracker_lookup(poll_id=poll.pk, tracker=tracker),
                sealed=seal(tracker=tracker, content=content),
                weight=state.weight,
                replace_digest=secret_digest(secret),
            )
            poll_turnout_refresh(poll_id=poll.pk)
    except IntegrityError:
        # The unique (poll, voter): a second ballot from the same person, perhaps sent at the
        # same moment as the first. The whole transaction is rolled back.
        raise RuleViolation(
            _("You have already voted. You can replace your ballot with your tracker and secret.")
        ) from None
    return Receipt(tracker=tracker, secret=secret)


def ballot_replace(
    *,
    poll: Poll,
    person: Person,
    tracker: str,
    secret: str,
    content: Any,
    options: Sequence[PollOption] | None = None,
) -> None:
    """Replace a ballot until the close; the tracker stays the same. Needs the tracker and the
    secret shown when it was cast, and that `person` has voted in this poll."""
    content = _content_checked(poll=poll, content=content, options=options)
    with transaction.atomic():
        state = _cast_state(poll_id=poll.pk, person_id=person.pk)
        refusal = _refusal(state, PollAction.REPLACE)
        if refusal is not None:
            raise RuleViolation(refusal)
        cast = VoteCast.objects.select_for_update().filter(poll_id=poll.pk, voter_id=person.pk)
        vote = cast.first()
        if vote is None:
            raise RuleViolation(_("You have not voted in this poll."))
        ballot = (
            Ballot.objects.select_for_update()
            .filter(poll_id=poll.pk, lookup=tracker_lookup(poll_id=poll.pk, tracker=tracker))
            .first()
        )
        if ballot is None or not secret_matches(secret, ballot.replace_digest):
            raise RuleViolation(_("This tracker and secret do not match a ballot in this vote."))
        if not state.is_secret and (vote.roll_call or {}).get("tracker") != tracker:
            raise RuleViolation(_("In a roll-call vote you can only replace your own ballot."))
        ballot.sealed = seal(tracker=tracker, content=content)
        ballot.save(update_fields=["sealed"])
        if not state.is_secret:
            vote.roll_call = {"tracker": tracker, "content": content}
            vote.save(update_fields=["roll_call"])
