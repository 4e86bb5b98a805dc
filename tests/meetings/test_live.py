"""The live meeting page: only active members of the meeting's committee may listen, and a
state change tells them which sections to refresh (names only, never data)."""

from __future__ import annotations

import json

import pytest
from asgiref.sync import sync_to_async
from asgiref.testing import ApplicationCommunicator

from rankfile.meetings import services
from rankfile.meetings.routing import MeetingConsumer, websocket_urlpatterns
from rankfile.routing import websocket_urlpatterns as gathered
from tests.concurrency import run_async

pytestmark = pytest.mark.django_db(transaction=True)


class Socket:
    """A WebSocket client for the consumer alone (channels.testing needs daphne)."""

    def __init__(self, meeting_id: int, user: object) -> None:
        scope = {
            "type": "websocket",
            "path": f"/ws/meetings/{meeting_id}/",
            "headers": [],
            "subprotocols": [],
            "user": user,
            "url_route": {"kwargs": {"meeting_id": meeting_id}},
        }
        self.app = ApplicationCommunicator(MeetingConsumer.as_asgi(), scope)

    async def connect(self) -> tuple[bool, int | None]:
        await self.app.send_input({"type": "websocket.connect"})
        answer = await self.app.receive_output(2)
        if answer["type"] == "websocket.accept":
            return True, None
        return False, answer.get("code")

    async def receive_json(self) -> dict:
        answer = await self.app.receive_output(2)
        return json.loads(answer["text"])

    async def disconnect(self) -> None:
        await self.app.send_input({"type": "websocket.disconnect", "code": 1000})
        await self.app.wait(1)


def communicator(meeting_id: int, user: object) -> Socket:
    return Socket(meeting_id, user)


def test_it_is_gathered_into_the_sites_websocket_routes():
    assert websocket_urlpatterns[0] in gathered


def test_it_tells_a_member_which_sections_changed(open_meeting, member):
    async def scenario() -> dict:
        socket = communicator(open_meeting.pk, member)
        connected, _code = await socket.connect()
        assert connected
        await sync_to_async(services.attendance_check_in)(
            meeting=open_meeting, person=member, code=open_meeting.check_in_code
        )
        message = await socket.receive_json()
        await socket.disconnect()
        return message

    assert run_async(scenario) == {"refresh": ["attendance", "quorum"]}


def test_it_refuses_an_outsider(open_meeting, outsider):
    async def scenario() -> tuple[bool, int | None]:
        socket = communicator(open_meeting.pk, outsider)
        connected, code = await socket.connect()
        return connected, code

    assert run_async(scenario) == (False, 4404)


def test_it_refuses_a_meeting_that_does_not_exist(member):
    async def scenario() -> tuple[bool, int | None]:
        socket = communicator(999999, member)
        return await socket.connect()

    assert run_async(scenario) == (False, 4404)


def test_it_refuses_an_anonymous_visitor(open_meeting):
    from django.contrib.auth.models import AnonymousUser

    async def scenario() -> tuple[bool, int | None]:
        socket = communicator(open_meeting.pk, AnonymousUser())
        return await socket.connect()

    assert run_async(scenario) == (False, 4401)
