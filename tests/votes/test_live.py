"""The poll page's WebSocket: members of the poll's committee listen; others are refused; a
change of state reaches the listeners as the name of the section to refresh."""

from __future__ import annotations

import json
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from rankfile.routing import websocket_urlpatterns
from rankfile.votes import live
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
    return async_to_sync(_listen)(path, user, action)


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
    live._last_refresh.clear()  # the chair's ballot sent one a moment ago (at most one a second)
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
