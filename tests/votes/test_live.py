"""The poll page's WebSocket: members of the poll's committee listen; others are refused; a
change of state reaches the listeners as the name of the section to refresh."""

from __future__ import annotations

import json
from typing import Any

import pytest
from asgiref.testing import ApplicationCommunicator
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from rankfile.routing import websocket_urlpatterns
from rankfile.votes import live
from tests.concurrency import run_async
from tests.factories import logged_in
from tests.votes.helpers import cast, close_poll

pytestmark = pytest.mark.django_db(transaction=True)


async def _listen(path: str, user: Any, action: Any = None) -> tuple[bool, int | None, Any]:
    """Connect as `user` (channels.testing needs daphne, so asgiref's communicator is used
    directly), run `action`, and return whether the socket was accepted, the close code if
    not, and the first message."""
    scope = {
        "type": "websocket",
        "path": path,
        "query_string": b"",
        "headers": [],
        "subprotocols": [],
        "user": user,
    }
    communicator = ApplicationCommunicator(URLRouter(websocket_urlpatterns), scope)
    await communicator.send_input({"type": "websocket.connect"})
    answer = await communicator.receive_output(timeout=5)
    if answer["type"] == "websocket.close":
        await communicator.wait(timeout=5)
        return False, answer.get("code"), None
    message = None
    if action is not None:
        await database_sync_to_async(action)()
        sent = await communicator.receive_output(timeout=5)
        message = json.loads(sent["text"])
    await communicator.send_input({"type": "websocket.disconnect", "code": 1000})
    await communicator.wait(timeout=5)
    return True, None, message


def listen(path: str, user: Any, action: Any = None) -> tuple[bool, int | None, Any]:
    return run_async(_listen, path, user, action)


def test_it_tells_a_member_watching_the_poll_to_refresh_when_it_closes(open_motion, member):
    cast(open_motion, member, "yes")
    connected, _code, message = listen(
        f"/ws/polls/{open_motion.pk}/", member, lambda: close_poll(open_motion)
    )
    assert connected
    assert message == {"refresh": ["poll"]}


def test_it_refuses_an_outsider(open_motion, outsider):
    connected, code, _message = listen(f"/ws/polls/{open_motion.pk}/", outsider)
    assert not connected and code == 4404


def test_it_refuses_someone_not_logged_in(open_motion):
    connected, code, _message = listen(f"/ws/polls/{open_motion.pk}/", AnonymousUser())
    assert not connected and code == 4401


def test_a_ballot_sends_the_turnout_as_a_figure_not_a_refresh(open_motion, member, chair):
    cast(open_motion, chair, "no")
    live.turnout_throttle.clear()  # the chair's ballot sent one a moment ago (one a second)
    connected, _code, message = listen(
        f"/ws/polls/{open_motion.pk}/", member, lambda: cast(open_motion, member, "yes")
    )
    assert connected
    assert message == {"refresh": [], "figures": {f"poll-{open_motion.pk}-cast": 2}}


def test_the_poll_page_shows_the_turnout_where_the_figure_goes(open_motion, member, chair):
    cast(open_motion, chair, "no")
    page = logged_in(Client(), member).get(reverse("votes:detail", args=[open_motion.pk]))
    figure = f'<span data-live-figure="poll-{open_motion.pk}-cast">1</span>'
    assert figure in page.content.decode()


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_turnout_throttle_sends_at_once_then_once_at_the_end_of_the_period():
    clock = Clock()
    throttle = live.TurnoutThrottle(1.0, clock)
    assert throttle.when(7) == 0.0  # the first ballot: now
    clock.now = 100.25
    assert throttle.when(7) == 0.75  # inside the second: at its end
    assert throttle.when(7) is None  # already pending: that send will count this ballot too
    assert throttle.when(8) == 0.0  # another poll is not held back
    clock.now = 101.0
    throttle.sent(7)
    clock.now = 101.5
    assert throttle.when(7) == 0.5  # a ballot after the pending one went out: not lost either
    clock.now = 103.0
    throttle.sent(7)
    clock.now = 104.5
    assert throttle.when(7) == 0.0  # a quiet second later: now again


def test_a_ballot_inside_the_second_reaches_the_watchers_at_its_end(open_motion, member, chair):
    async def watch() -> list[dict[str, Any]]:
        scope = {
            "type": "websocket",
            "path": f"/ws/polls/{open_motion.pk}/",
            "query_string": b"",
            "headers": [],
            "subprotocols": [],
            "user": member,
        }
        communicator = ApplicationCommunicator(URLRouter(websocket_urlpatterns), scope)
        await communicator.send_input({"type": "websocket.connect"})
        assert (await communicator.receive_output(timeout=5))["type"] == "websocket.accept"
        await database_sync_to_async(cast)(open_motion, chair, "no")
        await database_sync_to_async(cast)(open_motion, member, "yes")  # within the second
        messages = [json.loads((await communicator.receive_output(timeout=5))["text"])]
        messages.append(json.loads((await communicator.receive_output(timeout=5))["text"]))
        await communicator.send_input({"type": "websocket.disconnect", "code": 1000})
        await communicator.wait(timeout=5)
        return messages

    first, last = run_async(watch)
    figure = f"poll-{open_motion.pk}-cast"
    assert (first["figures"][figure], last["figures"][figure]) == (1, 2)
