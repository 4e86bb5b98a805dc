"""WebSocket route of the live meeting page (gathered by rankfile/routing.py)."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from django.urls import path

from rankfile.core.live import LiveConsumer
from rankfile.meetings.access import meeting_to_watch


@database_sync_to_async
def _meeting_group(person_id: int, meeting_id: int) -> str | None:
    meeting = meeting_to_watch(person_id=person_id, meeting_id=meeting_id)
    return None if meeting is None else meeting.live_group


class MeetingConsumer(LiveConsumer):
    """Only the active members of the meeting's committee may listen."""

    async def group_for(self, user: Any, kwargs: dict[str, Any]) -> str | None:
        return await _meeting_group(user.pk, int(kwargs["meeting_id"]))


websocket_urlpatterns = [
    path("ws/meetings/<int:meeting_id>/", MeetingConsumer.as_asgi()),
]
