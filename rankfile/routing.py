"""WebSocket routes; the live parts of meetings and polls register here."""

from __future__ import annotations

from typing import Any

websocket_urlpatterns: list[Any] = []
