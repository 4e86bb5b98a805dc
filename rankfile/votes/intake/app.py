"""The intake's ASGI application: which requests it takes, the checks and the write on its
own connection pool, the receipt with the middleware's headers, and the turnout refresh."""

from __future__ import annotations

import asyncio
import io
import logging
import re
from collections.abc import Callable
from typing import Any

import psycopg
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
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
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from psycopg_pool import AsyncConnectionPool

from rankfile.core.middleware import security_headers
from rankfile.votes.intake.checks import Accepted, checked
from rankfile.votes.intake.sql import ballot_write, votes_cast
from rankfile.votes.intake.transport import (
    MAX_BODY,
    ASGIApp,
    Receive,
    Scope,
    Send,
    read_body,
    replay,
    send_response,
)
from rankfile.votes.live import turnout_message, turnout_throttle
from rankfile.votes.models import Poll, poll_live_group
from rankfile.votes.receipt import receipt_page
from rankfile.votes.secrecy import new_secret, new_tracker

logger = logging.getLogger(__name__)

CAST_PATH = re.compile(r"/polls/([1-9][0-9]{0,17})/cast/")


def intake_enabled() -> bool:
    return bool(settings.BALLOT_INTAKE) and connections["default"].vendor == "postgresql"


def _unused(request: HttpRequest) -> HttpResponseBase:  # the middlewares' get_response
    raise AssertionError("the intake never calls down the middleware chain")


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
        body, complete, disconnected = await read_body(receive)
        if disconnected:
            return
        taken = None
        if complete and len(body) <= MAX_BODY:
            try:
                taken = await self.take(scope, body, int(match.group(1)))
            except Exception:  # nothing was written: Django's path answers, with its reasons
                logger.exception("ballot intake: passing the request on to Django")
        if taken is None:
            await self.app(scope, replay(body, complete, receive), send)
            return
        # The ballot is in. From here on an error is an error page, never a second attempt
        # through Django (which would say "already voted" and lose the receipt).
        request, accepted, tracker, secret = taken
        self.taken += 1
        try:
            await self.turnout_refresh(accepted.poll)
        except Exception:  # a channel layer that is down must not cost the voter the receipt
            logger.exception("ballot intake: the turnout refresh failed")
        await send_response(self.receipt(request, accepted, tracker, secret), send)

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
    ) -> tuple[ASGIRequest, Accepted, str, str] | None:
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
            accepted = await checked(
                connection, data=request.POST, session_key=session_key, poll_id=poll_id
            )
            if accepted is None:
                return None
            tracker, secret = new_tracker(), new_secret()
            try:
                written = await ballot_write(
                    connection,
                    poll_id=accepted.poll.pk,
                    voter_id=accepted.person.pk,
                    weight=accepted.weight,
                    content=accepted.content,
                    tracker=tracker,
                    secret=secret,
                )
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
            cast = await votes_cast(connection, poll_id=poll_id)
        message = turnout_message(poll_id=poll_id, votes_cast=cast)
        await layer.group_send(poll_live_group(poll_id), message)

    def receipt(
        self, request: ASGIRequest, accepted: Accepted, tracker: str, secret: str
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
