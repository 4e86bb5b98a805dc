"""The poll page's live socket: `ws/polls/<id>/` tells the page when to refresh its "poll"
section (status and turnout). Only active members of the poll's committee may listen."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from django.urls import path

from rankfile.committees.access import committee_ids_of_member
from rankfile.core.live import LiveConsumer
from rankfile.votes.models import Poll


def _may_watch(*, person_id: int, poll_id: int) -> bool:
    return Poll.objects.filter(
        pk=poll_id, committee_id__in=committee_ids_of_member(person_id=person_id)
    ).exists()


class PollConsumer(LiveConsumer):
    async def group_for(self, user: Any, kwargs: dict[str, Any]) -> str | None:
        poll_id = int(kwargs["poll_id"])
        allowed = await database_sync_to_async(_may_watch)(person_id=user.pk, poll_id=poll_id)
        return f"poll-{poll_id}" if allowed else None


websocket_urlpatterns = [
    path("ws/polls/<int:poll_id>/", PollConsumer.as_asgi()),
]
