"""WebSocket route of the live meeting page (gathered by rankfile/routing.py)."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from django.urls import path

from rankfile.core.live import LiveConsumer


@database_sync_to_async
def _meeting_group(person_id: int, meeting_id: int) -> str | None:
    from rankfile.committees.access import is_active_member
    from rankfile.meetings.models import Meeting

    committee_id = (
        Meeting.objects.filter(pk=meeting_id).values_list("committee_id", flat=True).first()
    )
    if committee_id is None or not is_active_member(person_id=person_id, committee_id=committee_id):
        return None
    return f"meeting-{meeting_id}"


class MeetingConsumer(LiveConsumer):
    """Only the active members of the meeting's committee may listen."""

    async def group_for(self, user: Any, kwargs: dict[str, Any]) -> str | None:
        return await _meeting_group(user.pk, int(kwargs["meeting_id"]))


websocket_urlpatterns = [
    path("ws/meetings/<int:meeting_id>/", MeetingConsumer.as_asgi()),
]
