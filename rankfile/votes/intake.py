"""Ballot intake: secret ballots cast on the event loop, for the minute after a mass meeting
opens a vote.

When 5,000 people vote within a minute, Django's request cycle (a thread per request, the
middleware chain, the session and the user loaded through the ORM, the view's queries) costs
several times what the ballot itself costs. This ASGI layer sits in front of Django and takes
`POST /polls/<id>/cast/` for a **secret** poll on PostgreSQL, and does only what that request
needs, with Django's own parts where they are pure computation:

1. the CSRF check is Django's `CsrfViewMiddleware`, run on a Django `ASGIRequest`;
2. one query reads the session (which keeps its person in a column of its own,
   `accounts.PersonSession`), the person, the poll, the person's membership and elector
   weight, and the options; the session is decoded by Django's session store and the person
   checked exactly as `django.contrib.auth.get_user` does (active, session hash);
3. the ballot is read by the field names of the view's `BallotForm` and checked by the same
   `ballot_content_check` as the service's;
4. the ballot is written by one statement (`VoteCast` and `Ballot`, or nothing), which takes
   the same share lock on the poll row as `services.ballot_cast`, so a close still waits for
   it, and which writes only if the poll is open, secret and not past its closing time;
5. the receipt is the view's page (`votes.receipt`), and the response passes through the
   response side of the installed middleware (security headers, CSRF cookie, language, frame
   options).

Anything else goes to Django unchanged, with the request body replayed: a GET, a roll-call
poll, SQLite, no session, a CSRF failure, a person who is not an elector, a poll that is not
open, a ballot the form refuses, a second ballot (the unique constraint), any error before the
write. Django then answers exactly as it always does, with the reason. The intake never
refuses anything itself, so it cannot refuse differently; it only ever accepts what Django's
path would accept, and the tests hold both paths to the same outcomes.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import psycopg
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.exceptions import DisallowedHost
from django.core.handlers.asgi import ASGIRequest, get_script_prefix
from django.db import connections
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django.middleware.locale import LocaleMiddleware
from django.middleware.security import SecurityMiddleware
from django.urls import set_script_prefix
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.crypto import constant_time_compare
from psycopg_pool import AsyncConnectionPool

from rankfile.accounts.models import Person, PersonSession
from rankfile.accounts.sessions import SessionStore
from rankfile.committees.models import Membership, MembershipStatus
from rankfile.core.errors import RuleViolation
from rankfile.core.middleware import security_headers
from rankfile.votes.content import (
    ballot_content_check,
    ballot_content_submitted,
    option_board_id,
)
from rankfile.votes.lifecycle import PollAction, poll_state_refusal
from rankfile.votes.live import turnout_message, turnout_throttle
from rankfile.votes.models import Ballot, Elector, Poll, PollOption, PollStatus, VoteCast
from rankfile.votes.receipt import receipt_page
from rankfile.votes.secrecy import new_secret, new_tracker, seal, secret_digest, tracker_lookup

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[..., Awaitable[None]]  # Django's handler types its scope as a dict

CAST_PATH = re.compile(r"/polls/([1-9][0-9]{0,17})/cast/")
MAX_BODY = 64 * 1024  # a ranked ballot of 50 options is under 2 KB; larger goes to Django
WEIGHT_PLACES = Decimal("0.000001")


def intake_enabled() -> bool:
    return bool(settings.BALLOT_INTAKE) and connections["default"].vendor == "postgresql"


def _unused(request: HttpRequest) -> HttpResponseBase:  # the middlewares' get_response
    raise AssertionError("the intake never calls down the middleware chain")


@dataclass(frozen=True)
class _Accepted:
    """What the write needs, once every check has passed."""

    person: Person
    poll: Poll
    weight: Decimal
    content: Any


class BallotIntake:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.pool: AsyncConnectionPool | None = None
        self.pool_lock = asyncio.Lock()
        self.csrf = CsrfViewMiddleware(_unused)
        self.security = SecurityMiddleware(_unused)
        self.response_middleware: list[
            XFrameOptionsMiddleware | CsrfViewMiddleware | CommonMiddleware | LocaleMiddleware
        ] = [
            XFrameOptionsMiddleware(_unused),
            self.csrf,
            CommonMiddleware(_unused),
            LocaleMiddleware(_unused),
        ]
        self.enabled: bool | None = None  # decided on the first request (settings are ready)
        self.taken = 0  # ballots this process took without Django (for tests and monitoring)
        self.later: set[asyncio.Task[None]] = set()  # turnout figures sent at a period's end

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = (
            CAST_PATH.fullmatch(scope["path"])
            if scope["type"] == "http" and scope["method"] == "POST"
            else None
        )
        if match is None:
            await self.app(scope, receive, send)
            return
        if self.enabled is None:
            self.enabled = await sync_to_async(intake_enabled)()
        if not self.enabled:
            await self.app(scope, receive, send)
            return
        body, complete, disconnected = await _read_body(receive)
        if disconnected:
            return
        taken = None
        if complete and len(body) <= MAX_BODY:
            try:
                taken = await self.take(scope, body, int(match.group(1)))
            except Exception:  # nothing was written: Django's path answers, with its reasons
                logger.exception("ballot intake: passing the request on to Django")
        if taken is None:
            await self.app(scope, _replay(body, complete, receive), send)
            return
        # The ballot is in. From here on an error is an error page, never a second attempt
        # through Django (which would say "already voted" and lose the receipt).
        request, accepted, tracker, secret = taken
        self.taken += 1
        try:
            await self.turnout_refresh(accepted.poll)
        except Exception:  # a channel layer that is down must not cost the voter the receipt
            logger.exception("ballot intake: the turnout refresh failed")
        await _send(self.receipt(request, accepted, tracker, secret), send)

    async def connection_pool(self) -> AsyncConnectionPool:
        if self.pool is None:
            async with self.pool_lock:
                if self.pool is None:
                    params = connections["default"].get_connection_params()
                    for key in ("cursor_factory", "context", "prepare_threshold"):
                        params.pop(key, None)
                    pool = AsyncConnectionPool(
                        kwargs={**params, "autocommit": True},
                        min_size=1,
                        max_size=settings.BALLOT_INTAKE_CONNECTIONS,
                        open=False,
                        timeout=10,  # waiting for a free connection in a burst; then Django's path
                        name="ballot-intake",
                    )
                    await pool.open()
                    self.pool = pool
        return self.pool

    async def take(
        self, scope: Scope, body: bytes, poll_id: int
    ) -> tuple[ASGIRequest, _Accepted, str, str] | None:
        """Check and write the ballot: (request, what was written, tracker, secret), or None,
        with nothing written, to let Django answer."""
        set_script_prefix(get_script_prefix(scope))
        request = ASGIRequest(scope, io.BytesIO(body))
        try:
            request.get_host()
        except DisallowedHost:  # a Host not in ALLOWED_HOSTS: Django answers 400
            return None
        if self.security.process_request(request) is not None:  # e.g. the HTTPS redirect
            return None
        self.csrf.process_request(request)
        if self.csrf.process_view(request, _cast_view(), (), {"poll_id": poll_id}) is not None:
            return None
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if not session_key or len(session_key) > 40:
            return None
        pool = await self.connection_pool()
        async with pool.connection() as connection:
            accepted = await _checked(connection, request, session_key, poll_id)
            if accepted is None:
                return None
            tracker, secret = new_tracker(), new_secret()
            try:
                written = await _write(connection, accepted, tracker, secret)
            except psycopg.errors.UniqueViolation:
                return None  # a second ballot: Django says so, with the way to replace it
        if not written:
            return None  # closed or past closing meanwhile: Django gives the reason
        return request, accepted, tracker, secret

    async def turnout_refresh(self, poll: Poll) -> None:
        """As `live.poll_turnout_refresh`: the poll's watchers get the number of votes cast,
        now or at the end of the throttle's period (`live.TurnoutThrottle`)."""
        if get_channel_layer() is None:
            return
        delay = turnout_throttle.when(poll.pk)
        if delay == 0.0:
            await self.turnout_send(poll.pk)
        elif delay is not None:
            task = asyncio.get_running_loop().create_task(self.turnout_send_later(poll.pk, delay))
            self.later.add(task)  # the loop keeps only a weak reference to its tasks
            task.add_done_callback(self.later.discard)

    async def turnout_send_later(self, poll_id: int, delay: float) -> None:
        await asyncio.sleep(delay)
        turnout_throttle.sent(poll_id)
        try:
            await self.turnout_send(poll_id)
        except Exception:  # nobody to tell: the next ballot or the close sends it again
            logger.exception("ballot intake: the turnout refresh failed")

    async def turnout_send(self, poll_id: int) -> None:
        layer = get_channel_layer()
        assert layer is not None
        pool = await self.connection_pool()
        async with pool.connection() as connection:
            cursor = await connection.execute(_TURNOUT_SQL, (poll_id,))
            row = await cursor.fetchone()
        assert row is not None
        message = turnout_message(poll_id=poll_id, votes_cast=int(row[0]))
        await layer.group_send(f"poll-{poll_id}", message)

    def receipt(
        self, request: ASGIRequest, accepted: _Accepted, tracker: str, secret: str
    ) -> HttpResponse:
        """The view's receipt page, with the headers Django's middleware adds to it."""
        with translation.override(translation.get_language_from_request(request)):
            request.LANGUAGE_CODE = translation.get_language()
            response = HttpResponse(
                receipt_page(poll=accepted.poll, tracker=tracker, secret=secret)
            )
            add_never_cache_headers(response)
            for middleware in self.response_middleware:
                middleware.process_response(request, response)  # they add headers in place
            patch_vary_headers(response, ("Cookie",))  # the session was read
            security_headers(lambda _request: response)(request)
            self.security.process_response(request, response)
        return response


def _cast_view() -> Callable[..., Any]:
    from rankfile.votes.views.actions import cast

    return cast


async def _read_body(receive: Receive) -> tuple[bytes, bool, bool]:
    """(the body read, whether that is all of it, whether the client left). Stops reading once
    the body is over MAX_BODY: the rest is Django's to read."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"", False, True
        chunk = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), True, False
        if size > MAX_BODY:
            return b"".join(chunks), False, False


def _replay(body: bytes, complete: bool, receive: Receive) -> Receive:
    """`receive` for Django: first the body already read, then whatever is left."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": not complete}
        return await receive()

    return replayed


async def _send(response: HttpResponse, send: Send) -> None:
    headers = [
        (name.encode("latin-1"), value.encode("latin-1")) for name, value in response.items()
    ]
    for cookie in response.cookies.values():
        headers.append((b"set-cookie", cookie.output(header="").strip().encode("latin-1")))
    await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": response.content})


_POLL_FIELDS = (
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
    f"{', '.join('p.' + f for f in _POLL_FIELDS)}, CAST(e.weight AS TEXT), "
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


async def _checked(
    connection: psycopg.AsyncConnection[Any], request: ASGIRequest, session_key: str, poll_id: int
) -> _Accepted | None:
    """Everything Django's path checks before it writes, or None where it might refuse. One
    query: the session (with its person, in a column of its own), the person, the poll, the
    person's elector weight, membership and the options."""
    cursor = await connection.execute(
        _CHECK_SQL, (session_key, timezone.now(), poll_id, MembershipStatus.ACTIVE.value)
    )
    row = await cursor.fetchone()
    if row is None:
        return None  # no session, not a member, not an elector, no such poll: Django says which
    session_data, person_id, handle, password, is_active, *poll_values, weight, options = row
    # As django.contrib.auth.get_user: the session's own user id and backend, then the session
    # hash against the password's (a password change logs every other session out).
    session = SessionStore().decode(session_data)
    if (
        session.get(SESSION_KEY) != str(person_id)
        or session.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS
    ):
        return None
    person = Person(id=person_id, handle=handle, password=password, is_active=is_active)
    if not is_active or not constant_time_compare(
        session.get(HASH_SESSION_KEY, ""), person.get_session_auth_hash()
    ):
        return None  # logged out by a password change, or a key rotation Django handles
    poll = Poll(**dict(zip(_POLL_FIELDS, poll_values, strict=True)))
    if not poll.is_secret or weight is None:
        return None
    refusal = poll_state_refusal(
        action=PollAction.CAST,
        kind=poll.kind,
        status=poll.status,
        closes_at=poll.closes_at,
        closed_at=poll.closed_at,
    )
    if refusal is not None:
        return None
    ids = [option_board_id(method=poll.method, label=label, position=pos) for label, pos in options]
    try:
        content = ballot_content_check(
            method=poll.method,
            option_ids=ids,
            content=ballot_content_submitted(method=poll.method, data=request.POST, count=len(ids)),
        )
    except RuleViolation:
        return None
    return _Accepted(
        person=person,
        poll=poll,
        weight=Decimal(weight).quantize(WEIGHT_PLACES),
        content=content,
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


async def _write(
    connection: psycopg.AsyncConnection[Any], accepted: _Accepted, tracker: str, secret: str
) -> bool:
    """Both rows, in one statement (one transaction), or neither; False if the poll is not
    open (any more)."""
    poll_id = accepted.poll.pk
    cursor = await connection.execute(
        _WRITE_SQL,
        {
            "poll": poll_id,
            "now": timezone.now(),
            "voter": accepted.person.pk,
            "id": uuid.uuid4(),
            "lookup": tracker_lookup(poll_id=poll_id, tracker=tracker),
            "sealed": seal(tracker=tracker, content=accepted.content),
            "weight": accepted.weight,
            "digest": secret_digest(secret),
        },
    )
    return await cursor.fetchone() is not None


_TURNOUT_SQL = (
    f"SELECT COUNT(*) FROM {VoteCast._meta.db_table} "
    f"WHERE {VoteCast._meta.get_field('poll').column} = %s"
)
