"""WebSocket routes. Each app that has live pages lists its routes in `<app>/routing.py`;
they are gathered here."""

from __future__ import annotations

from typing import Any

from rankfile.meetings import routing as meetings_routing
from rankfile.votes import routing as votes_routing

websocket_urlpatterns: list[Any] = [
    *meetings_routing.websocket_urlpatterns,
    *votes_routing.websocket_urlpatterns,
]
