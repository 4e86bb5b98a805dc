"""The intake's side of the ASGI messages: reading a request's body, handing it on to Django
as if unread, and sending a Django response."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from django.http import HttpResponse

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[..., Awaitable[None]]  # Django's handler types its scope as a dict

MAX_BODY = 64 * 1024  # a ranked ballot of 50 options is under 2 KB; larger goes to Django


async def read_body(receive: Receive) -> tuple[bytes, bool, bool]:
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


def replay(body: bytes, complete: bool, receive: Receive) -> Receive:
    """`receive` for Django: first the body already read, then whatever is left."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": not complete}
        return await receive()

    return replayed


async def send_response(response: HttpResponse, send: Send) -> None:
    headers = [
        (name.encode("latin-1"), value.encode("latin-1")) for name, value in response.items()
    ]
    for cookie in response.cookies.values():
        headers.append((b"set-cookie", cookie.output(header="").strip().encode("latin-1")))
    await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": response.content})
