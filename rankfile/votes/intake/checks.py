"""Everything Django's path checks before it writes a ballot, from the intake's one read: the
session and its person as `django.contrib.auth.get_user` checks them, the poll's state as the
service's, the ballot as the view's form and the service's. Each check answers None where
Django's path might refuse, and Django then gives the reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import psycopg
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.http import QueryDict
from django.utils.crypto import constant_time_compare

from rankfile.accounts.models import Person
from rankfile.accounts.sessions import SessionStore
from rankfile.core.errors import RuleViolation
from rankfile.votes.content import (
    ballot_content_check,
    ballot_content_submitted,
    option_board_id,
)
from rankfile.votes.intake.sql import POLL_FIELDS, check_row
from rankfile.votes.lifecycle import PollAction, poll_state_refusal
from rankfile.votes.models import WEIGHT_PLACES, Poll


@dataclass(frozen=True)
class Accepted:
    """What the write needs, once every check has passed."""

    person: Person
    poll: Poll
    weight: Decimal
    content: Any


async def checked(
    connection: psycopg.AsyncConnection[Any], *, data: QueryDict, session_key: str, poll_id: int
) -> Accepted | None:
    """Everything Django's path checks before it writes, or None where it might refuse. One
    query: the session (with its person, in a column of its own), the person, the poll, the
    person's elector weight, membership and the options."""
    row = await check_row(connection, session_key=session_key, poll_id=poll_id)
    if row is None:
        return None  # no session, not a member, not an elector, no such poll: Django says which
    session_data, person_id, handle, password, is_active, *poll_values, weight, options = row
    person = session_person(
        session_data=session_data,
        person=Person(id=person_id, handle=handle, password=password, is_active=is_active),
    )
    if person is None:
        return None
    poll = Poll(**dict(zip(POLL_FIELDS, poll_values, strict=True)))
    if not poll.is_secret or weight is None or not poll_takes_ballots(poll):
        return None
    content = ballot_read(method=poll.method, options=options, data=data)
    if content is None:
        return None
    return Accepted(
        person=person,
        poll=poll,
        weight=Decimal(weight).quantize(WEIGHT_PLACES),
        content=content,
    )


def session_person(*, session_data: str, person: Person) -> Person | None:
    """The session's person, or None if Django would not log them in with it."""
    # As django.contrib.auth.get_user: the session's own user id and backend, then the session
    # hash against the password's (a password change logs every other session out).
    session = SessionStore().decode(session_data)
    if (
        session.get(SESSION_KEY) != str(person.pk)
        or session.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS
    ):
        return None
    if not person.is_active or not constant_time_compare(
        session.get(HASH_SESSION_KEY, ""), person.get_session_auth_hash()
    ):
        return None  # logged out by a password change, or a key rotation Django handles
    return person


def poll_takes_ballots(poll: Poll) -> bool:
    refusal = poll_state_refusal(
        action=PollAction.CAST,
        kind=poll.kind,
        status=poll.status,
        closes_at=poll.closes_at,
        closed_at=poll.closed_at,
    )
    return refusal is None


def ballot_read(*, method: str, options: Sequence[Sequence[Any]], data: QueryDict) -> Any:
    """The ballot in the POST data, as the view's form and the service would accept it, or None
    where they would refuse it. `options` are the poll's (label, position) pairs."""
    ids = [option_board_id(method=method, label=label, position=pos) for label, pos in options]
    try:
        return ballot_content_check(
            method=method,
            option_ids=ids,
            content=ballot_content_submitted(method=method, data=data, count=len(ids)),
        )
    except RuleViolation:
        return None
