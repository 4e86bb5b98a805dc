"""The session engine (`SESSION_ENGINE = "rankfile.accounts.sessions"`): Django's database
sessions, stored in `PersonSession` with the logged-in person's id in its own column."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from rankfile.accounts.models import PersonSession


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> type[PersonSession]:
        return PersonSession

    def create_model_instance(self, data: dict[str, Any]) -> PersonSession:
        session = super().create_model_instance(data)
        assert isinstance(session, PersonSession)
        user_id = str(data.get(SESSION_KEY) or "")
        session.person_id = int(user_id) if user_id.isdigit() else None
        return session


def sessions_end(*, person_id: int, keep: str | None = None) -> int:
    """End every session of a person (but `keep`, the session key of the current request):
    the next request from any of them is logged out. Returns how many were ended."""
    sessions = PersonSession.objects.filter(person_id=person_id)
    if keep:
        sessions = sessions.exclude(session_key=keep)
    return sessions.delete()[0]
