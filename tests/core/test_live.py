"""Live refreshes reach the group after commit, also when the caller's thread runs an event
loop (a browser-driving test, an async task)."""

from __future__ import annotations

import pytest
from channels.layers import get_channel_layer
from django.db import transaction

from rankfile.core.live import live_refresh
from tests.concurrency import run_async

pytestmark = pytest.mark.django_db(transaction=True)


def listen(group: str) -> str:
    layer = get_channel_layer()
    channel = run_async(layer.new_channel)
    run_async(layer.group_add, group, channel)
    return channel


def received(channel: str) -> dict:
    return run_async(get_channel_layer().receive, channel)


def test_it_sends_the_sections_after_commit() -> None:
    channel = listen("meeting-41")
    with transaction.atomic():
        live_refresh("meeting-41", "quorum", "attendance", "quorum")
    assert received(channel) == {"type": "live.refresh", "sections": ["attendance", "quorum"]}


def test_it_sends_from_a_thread_that_runs_an_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    # As a browser-driving test does: Playwright's sync API keeps a loop in the main thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    channel = listen("meeting-42")

    async def inside_a_loop() -> None:
        with transaction.atomic():
            live_refresh("meeting-42", "polls")

    run_async(inside_a_loop)
    assert received(channel)["sections"] == ["polls"]
