"""Requests to the ballot intake as an ASGI server sends them, for tests: an event loop on a
thread of its own (as a server process has, so the intake's connection pool lives between
requests as in production), a browser that keeps its cookies and its form's CSRF token, and the
answers, receipts and rows the tests compare."""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import threading
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.test import Client
from django.urls import reverse

from rankfile.accounts.models import Person
from rankfile.core.asgi import SyncChainASGIHandler
from rankfile.votes.intake import BallotIntake
from rankfile.votes.models import Ballot, Poll, VoteCast
from rankfile.votes.secrecy import secret_clean, secret_matches, tracker_lookup, unseal
from tests.factories import logged_in, page_text

T = TypeVar("T")

HOST = "testserver"
ORIGIN = f"http://{HOST}"


# ----------------------------------------------------------------------------- the ASGI side


class EventLoop:
    """An event loop running on its own thread for the whole test."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def submit(self, awaitable: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        return asyncio.run_coroutine_threadsafe(awaitable, self.loop)

    def run(self, awaitable: Coroutine[Any, Any, T]) -> T:
        return self.submit(awaitable).result(timeout=60)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        # Closed from a thread of its own: with Redis, channels_redis flushes its layer by
        # running this loop on close, which fails in a thread where another loop is marked as
        # running (Playwright's, after the end-to-end tests).
        closer = threading.Thread(target=self.loop.close)
        closer.start()
        closer.join(timeout=10)


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        found = [value for key, value in self.headers if key.lower() == name.lower()]
        assert len(found) <= 1, f"{name} sent {len(found)} times"
        return found[0] if found else None

    @property
    def html(self) -> str:
        return self.body.decode()

    @property
    def text(self) -> str:
        """The visible text, as tests.factories.page_text gives it."""
        return page_text(HttpResponse(self.body))

    def cookies_sent(self) -> list[tuple[str, str, dict[str, str]]]:
        """(name, value, attributes) of each Set-Cookie."""
        cookies = []
        for key, header in self.headers:
            if key.lower() == "set-cookie":
                jar: SimpleCookie = SimpleCookie()
                jar.load(header)
                for name, morsel in jar.items():
                    attributes = {k: str(v) for k, v in morsel.items() if v}
                    cookies.append((name, morsel.value, attributes))
        return sorted(cookies)


async def http(
    app: Callable[..., Any],
    method: str,
    path: str,
    *,
    cookies: dict[str, str],
    body: bytes = b"",
    chunk_size: int | None = None,
    content_type: str = "application/x-www-form-urlencoded",
    language: str = "",
    host: str = HOST,
    origin: str | None = ORIGIN,
) -> Answer:
    """One request as an ASGI server sends it: the body in one `http.request` message, or in
    messages of `chunk_size` bytes; afterwards `receive` waits, as it does while the client
    stays connected."""
    headers = [(b"host", host.encode())]
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    if cookies:
        cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
        headers.append((b"cookie", cookie.encode()))
    if language:
        headers.append((b"accept-language", language.encode()))
    if method == "POST":
        headers.append((b"content-type", content_type.encode()))
        headers.append((b"content-length", str(len(body)).encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 51000),
        "server": (HOST, 80),
    }
    step = chunk_size or max(len(body), 1)
    pieces = [body[i : i + step] for i in range(0, len(body), step)] or [b""]
    incoming = [
        {"type": "http.request", "body": piece, "more_body": n < len(pieces) - 1}
        for n, piece in enumerate(pieces)
    ]
    connected = asyncio.Event()

    async def receive() -> dict[str, Any]:
        if incoming:
            return incoming.pop(0)
        await connected.wait()  # never set: the client stays until it has the answer
        return {"type": "http.disconnect"}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    start = [m for m in sent if m["type"] == "http.response.start"]
    assert len(start) == 1, sent
    body_out = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return Answer(
        status=start[0]["status"],
        headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in start[0]["headers"]],
        body=body_out,
    )


@dataclass
class Browser:
    """Someone's browser: its cookies, and the CSRF token of the form it shows."""

    app: BallotIntake
    loop: EventLoop
    cookies: dict[str, str] = field(default_factory=dict)
    csrf_token: str = ""
    language: str = ""

    async def request(self, method: str, path: str, body: bytes = b"", **options: Any) -> Answer:
        options.setdefault("language", self.language)
        options.setdefault("cookies", self.cookies.copy())
        answer = await http(self.app, method, path, body=body, **options)
        for name, value, attributes in answer.cookies_sent():
            if attributes.get("max-age") == "0" or not value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return answer

    def form(self, data: dict[str, Any], *, token: bool = True) -> bytes:
        fields = dict(data)
        if token:
            fields["csrfmiddlewaretoken"] = self.csrf_token
        return urlencode(fields, doseq=True).encode()

    async def post_async(self, path: str, data: dict[str, Any], **options: Any) -> Answer:
        token = options.pop("token", True)
        return await self.request("POST", path, self.form(data, token=token), **options)

    def post(self, path: str, data: dict[str, Any], **options: Any) -> Answer:
        return self.loop.run(self.post_async(path, data, **options))

    def get(self, path: str) -> Answer:
        return self.loop.run(self.request("GET", path))

    def follow(self, answer: Answer) -> Answer:
        assert answer.status == 302, answer.status
        location = answer.header("Location")
        assert location is not None and location.startswith("/")
        return self.get(location)


def session_key_of(person: Person) -> str:
    """A session for `person`, made as Django's login makes it."""
    client = logged_in(Client(), person)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def browser(
    app: BallotIntake,
    loop: EventLoop,
    person: Person | None,
    *,
    poll: Poll | None = None,
    language: str = "",
) -> Browser:
    """A browser logged in as `person` (or not logged in). With `poll`, it opens the poll page
    through `app` and keeps the CSRF cookie and the ballot form's token, as a browser does;
    otherwise it is given a valid cookie and token made by Django's CSRF functions."""
    visitor = Browser(app=app, loop=loop, language=language)
    if person is not None:
        visitor.cookies[settings.SESSION_COOKIE_NAME] = session_key_of(person)
    if poll is None:
        secret = _get_new_csrf_string()
        visitor.cookies[settings.CSRF_COOKIE_NAME] = secret
        visitor.csrf_token = _mask_cipher_secret(secret)
        return visitor
    page = visitor.get(poll_url(poll))
    assert page.status == 200
    assert settings.CSRF_COOKIE_NAME in visitor.cookies
    found = re.search(
        rf'action="{cast_url(poll)}".*?name="csrfmiddlewaretoken" value="([^"]+)"',
        page.html,
        flags=re.S,
    )
    assert found is not None, "the poll page shows no ballot form"
    visitor.csrf_token = found.group(1)
    return visitor


def intake_app(loop: EventLoop, *, enabled: bool | None) -> Iterator[BallotIntake]:
    """An intake in front of Django's handler, as in rankfile.asgi, with its pool closed after
    the test. `enabled`: None decides on the first request, as in production."""
    app = BallotIntake(SyncChainASGIHandler())
    app.enabled = enabled
    yield app
    if app.pool is not None:
        loop.run(app.pool.close())


# ----------------------------------------------------------------------------- pages and rows


def poll_url(poll: Poll) -> str:
    return reverse("votes:detail", args=[poll.pk])


def cast_url(poll: Poll) -> str:
    return reverse("votes:cast", args=[poll.pk])


def login_url(poll: Poll) -> str:
    return f"{reverse('accounts:login')}?next={cast_url(poll)}"


RECEIPT = re.compile(
    r'id="tracker"[^>]*value="(?P<tracker>[^"]*)".*id="secret"[^>]*value="(?P<secret>[^"]*)"',
    flags=re.S,
)


def receipt_of(answer: Answer) -> tuple[str, str]:
    """(tracker, secret as typed) of a receipt page."""
    assert answer.status == 200, (answer.status, answer.text[:300])
    found = RECEIPT.search(answer.html)
    assert found is not None, "no tracker and secret on the page"
    tracker, shown = found.group("tracker"), found.group("secret")
    assert re.fullmatch(r"[0-9a-f]{32}", tracker), tracker
    assert re.fullmatch(r"([A-Z2-7]{4}-){6}[A-Z2-7]{2}", shown), shown
    secret = secret_clean(shown)
    assert secret is not None
    return tracker, secret


def the_ballot(poll: Poll) -> Ballot:
    ballots = list(Ballot.objects.filter(poll_id=poll.pk))
    assert len(ballots) == 1, len(ballots)
    return ballots[0]


def assert_stored(poll: Poll, voter: Person, tracker: str, secret: str, content: Any) -> Ballot:
    """The receipt matches the one ballot stored, and the voter has exactly one VoteCast."""
    assert VoteCast.objects.filter(poll_id=poll.pk, voter=voter).count() == 1
    ballot = the_ballot(poll)
    assert unseal(ballot.sealed) == (tracker, content)
    assert ballot.lookup == tracker_lookup(poll_id=poll.pk, tracker=tracker)
    assert secret_matches(secret, ballot.replace_digest)
    return ballot


def assert_nothing_written(poll: Poll) -> None:
    assert not VoteCast.objects.filter(poll_id=poll.pk).exists()
    assert not Ballot.objects.filter(poll_id=poll.pk).exists()
