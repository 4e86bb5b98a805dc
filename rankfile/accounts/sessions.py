"""The session engine (`SESSION_ENGINE = "rankfile.accounts.sessions"`): Django's database
sessions, stored in `PersonSession` with the logged-in person's id in its own column.

A session ends `SESSION_IDLE_SECONDS` after its last request, and `SESSION_COOKIE_AGE` after the
login in any case: each save sets the row's `expire_date` to the earlier of the two, so every
reader of the table (Django's, and the ballot intake's own query) ends it at the same moment.
`session_idle_middleware` saves a session that has been used again at most every few minutes,
which moves its idle end on."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.http import HttpRequest, HttpResponse

from rankfile.accounts.models import PersonSession


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> type[PersonSession]:
        return PersonSession

    def create_model_instance(self, data: dict[str, Any]) -> PersonSession:
        now = int(time.time())
        user_id = str(data.get(SESSION_KEY) or "")
        # The absolute age runs from the login, not from an anonymous session before it.
        started = data.get(_STARTED)
        if not (isinstance(started, list) and len(started) == 2 and started[0] == user_id):
            data[_STARTED] = [user_id, now]
        data[_SEEN] = now
        session = super().create_model_instance(data)
        assert isinstance(session, PersonSession)
        session.person_id = int(user_id) if user_id.isdigit() else None
        ends = min(
            data[_STARTED][1] + settings.SESSION_COOKIE_AGE, now + settings.SESSION_IDLE_SECONDS
        )
        session.expire_date = min(session.expire_date, datetime.fromtimestamp(ends, tz=UTC))
        return session


_STARTED = "_rankfile_started"
_SEEN = "_rankfile_seen"
# A session in use is saved again (its idle end moved on) at most this often.
TOUCH_SECONDS = 300


def session_idle_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        seen = request.session.get(_SEEN)
        if isinstance(seen, int) and time.time() - seen > TOUCH_SECONDS:
            request.session.modified = True
        return get_response(request)

    return middleware


def sessions_end(*, person_id: int, keep: str | None = None) -> int:
    """End every session of a person (but `keep`, the session key of the current request):
    the next request from any of them is logged out. Returns how many were ended."""
    sessions = PersonSession.objects.filter(person_id=person_id)
    if keep:
        sessions = sessions.exclude(session_key=keep)
    return sessions.delete()[0]
