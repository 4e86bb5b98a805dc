"""The intake's three statements, written against the models' tables and columns: the one read
of everything a ballot's checks need, the one write of both rows, and the turnout count."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import psycopg
from django.utils import timezone

from rankfile.accounts.models import Person, PersonSession
from rankfile.committees.models import Membership, MembershipStatus
from rankfile.votes.models import Ballot, Elector, Poll, PollOption, PollStatus, VoteCast
from rankfile.votes.secrecy import seal, secret_digest, tracker_lookup

POLL_FIELDS = (
    "id",
    "committee_id",
    "kind",
    "title",
    "method",
    "seats",
    "is_secret",
    "status",
    "opened_at",
    "closes_at",
    "closed_at",
    "meeting_id",
)

_CHECK_SQL = (
    f"SELECT s.session_data, u.id, u.handle, u.password, u.is_active, "
    f"{', '.join('p.' + f for f in POLL_FIELDS)}, CAST(e.weight AS TEXT), "
    f"(SELECT json_agg(json_build_array(o.label, o.position) ORDER BY o.position) "
    f" FROM {PollOption._meta.db_table} o WHERE o.poll_id = p.id) "
    f"FROM {PersonSession._meta.db_table} s "
    f"JOIN {Person._meta.db_table} u ON u.id = s.person_id "
    f"JOIN {Elector._meta.db_table} e ON e.person_id = u.id "
    f"JOIN {Poll._meta.db_table} p ON p.id = e.poll_id "
    "WHERE s.session_key = %s AND s.expire_date > %s AND p.id = %s AND EXISTS (SELECT 1 FROM "
    f"{Membership._meta.db_table} m WHERE m.committee_id = p.committee_id AND m.person_id = u.id "
    "AND m.status = %s)"
)


def _write_sql() -> str:
    poll = Poll._meta.db_table
    cast, ballot = VoteCast._meta, Ballot._meta
    return (
        f"WITH open_poll AS (SELECT id FROM {poll} WHERE id = %(poll)s "
        f"AND status = '{PollStatus.OPEN.value}' AND is_secret "
        "AND (closes_at IS NULL OR closes_at > %(now)s) FOR KEY SHARE), "
        f"cast_row AS (INSERT INTO {cast.db_table} "
        f"({cast.get_field('poll').column}, {cast.get_field('voter').column}, "
        f"{cast.get_field('roll_call').column}) "
        "SELECT id, %(voter)s, NULL FROM open_poll RETURNING 1) "
        f"INSERT INTO {ballot.db_table} ({ballot.get_field('id').column}, "
        f"{ballot.get_field('poll').column}, {ballot.get_field('lookup').column}, "
        f"{ballot.get_field('sealed').column}, {ballot.get_field('weight').column}, "
        f"{ballot.get_field('replace_digest').column}) "
        "SELECT %(id)s, %(poll)s, %(lookup)s, %(sealed)s, %(weight)s, %(digest)s FROM cast_row "
        "RETURNING 1"
    )


_WRITE_SQL = _write_sql()

_TURNOUT_SQL = (
    f"SELECT COUNT(*) FROM {VoteCast._meta.db_table} "
    f"WHERE {VoteCast._meta.get_field('poll').column} = %s"
)


async def check_row(
    connection: psycopg.AsyncConnection[Any], *, session_key: str, poll_id: int
) -> tuple[Any, ...] | None:
    """The session's data, its person (id, handle, password, is_active), the `POLL_FIELDS`, the
    person's elector weight (as text) and the options (label, position), or None: no such
    session, not a member, not an elector, no such poll."""
    cursor = await connection.execute(
        _CHECK_SQL, (session_key, timezone.now(), poll_id, MembershipStatus.ACTIVE.value)
    )
    return await cursor.fetchone()


async def ballot_write(
    connection: psycopg.AsyncConnection[Any],
    *,
    poll_id: int,
    voter_id: int,
    weight: Decimal,
    content: Any,
    tracker: str,
    secret: str,
) -> bool:
    """Both rows, in one statement (one transaction), or neither; False if the poll is not
    open (any more)."""
    cursor = await connection.execute(
        _WRITE_SQL,
        {
            "poll": poll_id,
            "now": timezone.now(),
            "voter": voter_id,
            "id": uuid.uuid4(),
            "lookup": tracker_lookup(poll_id=poll_id, tracker=tracker),
            "sealed": seal(tracker=tracker, content=content),
            "weight": weight,
            "digest": secret_digest(secret),
        },
    )
    return await cursor.fetchone() is not None


async def votes_cast(connection: psycopg.AsyncConnection[Any], *, poll_id: int) -> int:
    cursor = await connection.execute(_TURNOUT_SQL, (poll_id,))
    row = await cursor.fetchone()
    assert row is not None
    return int(row[0])
