"""The poll page's live socket: `ws/polls/<id>/` tells the page when to refresh its "poll"
section (status and turnout). Only active members of the poll's committee may listen."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from django.urls import path

from rankfile.core.live import LiveConsumer
from rankfile.votes.access import may_watch_poll
from rankfile.votes.models import poll_live_group


class PollConsumer(LiveConsumer):
    async def group_for(self, user: Any, kwargs: dict[str, Any]) -> str | None:
        poll_id = int(kwargs["poll_id"])
        allowed = await database_sync_to_async(may_watch_poll)(person_id=user.pk, poll_id=poll_id)
        return poll_live_group(poll_id) if allowed else None


websocket_urlpatterns = [
    path("ws/polls/<int:poll_id>/", PollConsumer.as_asgi()),
]
