"""Live pages: a state change tells the watchers of a group which sections of the page to
refresh; the page fetches those sections again with htmx, so what a watcher sees is decided by
the views' own access checks.

One exception, for scale: a **live figure**, a plain number every watcher of the group may see
(a poll's turnout), travels in the message itself and is put in place on the page
(`<span data-live-figure="name">`). When 5,000 members watch a vote in a mass meeting, a section
refetch per refresh would be 5,000 requests a second; a figure costs them nothing.

Without JavaScript nothing connects, and the page works by reloading.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from typing import Any

from asgiref.sync import async_to_sync
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.layers import get_channel_layer
from django.db import transaction
from django.utils.html import format_html
from django.utils.safestring import SafeString


def live_message(*sections: str, figures: dict[str, int] | None = None) -> dict[str, Any]:
    """The channel-layer message that asks a group's pages to refresh `sections` and to show
    `figures` (name: value) in place."""
    message: dict[str, Any] = {"type": "live.refresh", "sections": sorted(set(sections))}
    if figures:
        message["figures"] = figures
    return message


def live_figure(name: str, value: int) -> SafeString:
    """A figure a live message can update in place, as the page shows it."""
    return format_html('<span data-live-figure="{}">{}</span>', name, value)


def live_send(group: str, message: dict[str, Any]) -> None:
    """Send a live message now (outside a transaction, or from an on_commit callback)."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # the usual case: a sync view or command, no loop in this thread
        async_to_sync(layer.group_send)(group, message)
        return
    # Called from a thread that runs an event loop (async_to_sync refuses to block it):
    # send from a helper thread instead.
    helper = threading.Thread(target=async_to_sync(layer.group_send), args=(group, message))
    helper.start()
    helper.join()


def live_refresh(group: str, *sections: str) -> None:
    """After the surrounding transaction commits, ask the group's pages to refresh `sections`."""

    def send() -> None:
        live_send(group, live_message(*sections))

    # robust: the change is committed; a channel layer that is down must not turn it into an
    # error page (Django logs the failure).
    transaction.on_commit(send, robust=True)


class LiveConsumer(AsyncJsonWebsocketConsumer):
    """Base consumer: subclasses say which group a connection may join, or None to refuse."""

    group: str | None = None

    async def group_for(self, user: Any, kwargs: dict[str, Any]) -> str | None:
        raise NotImplementedError

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.group = await self.group_for(user, self.scope["url_route"]["kwargs"])
        if self.group is None:
            await self.close(code=4404)
            return
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        """Watchers only listen."""

    async def live_refresh(self, event: dict[str, Any]) -> None:
        content: dict[str, Any] = {"refresh": event["sections"]}
        if event.get("figures"):
            content["figures"] = event["figures"]
        with contextlib.suppress(RuntimeError):  # the watcher left while it was on its way
            await self.send_json(content)
