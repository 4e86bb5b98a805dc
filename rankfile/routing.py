"""WebSocket routes. Each app that has live pages lists its routes in `<app>/routing.py`;
they are gathered here."""

from __future__ import annotations

from importlib import import_module
from typing import Any

LIVE_APPS = ("rankfile.meetings", "rankfile.votes")


def _gather() -> list[Any]:
    patterns: list[Any] = []
    for app in LIVE_APPS:
        try:
            module = import_module(f"{app}.routing")
        except ModuleNotFoundError as error:
            if error.name not in (app, f"{app}.routing"):
                raise
            continue
        patterns.extend(module.websocket_urlpatterns)
    return patterns


websocket_urlpatterns: list[Any] = _gather()
