"""Django's ASGI handler, running each HTTP request's middleware and view in one thread.

Every view and middleware of rankfile is synchronous. Django's own ASGI handler builds the
middleware chain for async use: each `process_request`, `process_view` and `process_response`
of a middleware, and then the view, is handed from the event loop to the request's thread and
back, a dozen crossings per request. Under load those crossings cost more CPU than the view
(measured with `bench/vote_burst.py`). Here the chain is built as under WSGI and the whole
request runs in a single crossing; reading the body and sending the response stay on the event
loop, and WebSockets are untouched (Channels consumers are async).
"""

from __future__ import annotations

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpRequest, HttpResponseBase


class SyncChainASGIHandler(ASGIHandler):
    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)
