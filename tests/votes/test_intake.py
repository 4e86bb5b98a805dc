"""The ballot intake (rankfile.votes.intake) through the real ASGI stack: the intake in front of
Django's handler, as in rankfile.asgi, sent HTTP requests as a server sends them.

On PostgreSQL the intake takes a secret ballot itself; everything else, and everything on SQLite,
goes to Django. Whichever path answers, the voter must see the same thing and the database must
hold the same rows: the tests that hold both paths to one outcome run on both databases (and
check which path answered through `intake.taken`); those that need the intake itself are
PostgreSQL only.

Each test has one event loop on a thread of its own, as a server process has, so the intake's
connection pool lives between requests as it does in production; Django's part of a request runs
on its own thread and connection (ThreadSensitiveContext), and the test's ORM calls on the main
thread, so the tests are transactional.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import threading
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from http.cookies import SimpleCookie
from typing import Any, TypeVar
from urllib.parse import urlencode

import pytest
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_http_date

from rankfile.accounts.models import Person, PersonSession
from rankfile.committees.models import Committee, Membership
from rankfile.committees.services import membership_suspend
from rankfile.core.asgi import SyncChainASGIHandler
from rankfile.tally import board_verify
from rankfile.votes import intake as intake_module
from rankfile.votes.intake import BallotIntake
from rankfile.votes.models import Ballot, Elector, Poll, VoteCast
from rankfile.votes.secrecy import secret_clean, secret_matches, tracker_lookup, unseal
from tests.factories import logged_in, make_member, make_seat, page_text, set_bylaws
from tests.votes.helpers import (
    board_of,
    cast,
    close_poll,
    fresh,
    make_election,
    make_open_poll,
    make_poll,
    make_voters,
    open_poll,
)

T = TypeVar("T")

ON_POSTGRESQL = connection.vendor == "postgresql"
# What `intake.taken` goes up by when a ballot the intake may take is cast: on SQLite Django
# takes every ballot.
TAKES = 1 if ON_POSTGRESQL else 0

pytestmark = pytest.mark.django_db(transaction=True)
postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="the intake takes ballots on PostgreSQL only"
)

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


@pytest.fixture
def loop() -> Iterator[EventLoop]:
    running = EventLoop()
    yield running
    running.stop()


def _app(loop: EventLoop, *, enabled: bool | None) -> Iterator[BallotIntake]:
    app = BallotIntake(SyncChainASGIHandler())
    app.enabled = enabled
    yield app
    if app.pool is not None:
        loop.run(app.pool.close())


@pytest.fixture
def intake(loop: EventLoop) -> Iterator[BallotIntake]:
    """The HTTP side of rankfile.asgi.application, fresh: it decides on its first request
    whether it takes ballots (PostgreSQL and BALLOT_INTAKE) or passes them all to Django."""
    yield from _app(loop, enabled=None)


@pytest.fixture
def django_app(loop: EventLoop) -> Iterator[BallotIntake]:
    """The same wiring with the intake turned off: Django answers every request."""
    yield from _app(loop, enabled=False)


# ----------------------------------------------------------------------------- helpers


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


# ----------------------------------------------------------------------------- 1. ballots taken


@postgresql_only
def test_it_takes_a_secret_yes_no_ballot_with_the_electors_weight(
    loop, intake, coordinating, committee, member, delegate
):
    """A weighted electorate: the garage's 5 members are shared by its 3 delegates, 1.666666
    each, so a ballot written with the default weight (1) or an unrounded one would show."""
    set_bylaws(coordinating, delegate_weight="members_represented", seats_per_delegation=3)
    for handle in ("second", "third"):
        make_seat(committee, coordinating, make_member(committee, handle=handle).person)
    poll = make_open_poll(coordinating, title="Join the regional strike")
    weight = Elector.objects.get(poll=poll, person=delegate).weight
    assert weight == Decimal("1.666666")
    visitor = browser(intake, loop, delegate, poll=poll)

    answer = visitor.post(cast_url(poll), {"choice": "yes"})

    tracker, secret = receipt_of(answer)
    assert intake.taken == 1
    assert "Join the regional strike" in answer.text
    assert "no-store" in (answer.header("Cache-Control") or "")
    assert VoteCast.objects.filter(poll=poll).count() == 1
    assert VoteCast.objects.get(poll=poll).roll_call is None
    ballot = assert_stored(poll, delegate, tracker, secret, "yes")
    assert ballot.weight == weight
    assert tracker not in " ".join(s.session_data for s in PersonSession.objects.all())
    board = board_of(close_poll(poll))
    assert [(b["tracker"], b["content"], b["weight"]) for b in board["ballots"]] == [
        (tracker, "yes", "1.666666")
    ]
    assert board_verify(board).ok


def _ranked(committee: Committee, voter: Person) -> Poll:
    ana, bo = (make_member(committee, handle=h).person for h in ("ana", "bo"))
    return open_poll(make_election(committee, [ana, bo, voter], method="stv", seats=2))


def _approval(committee: Committee, voter: Person) -> Poll:
    return open_poll(
        make_poll(committee, kind="question", options=["A", "B", "C"], method="approval")
    )


@postgresql_only
@pytest.mark.parametrize(
    ("make", "data", "content"),
    [
        pytest.param(_ranked, {"rank_1": "o3", "rank_2": "", "rank_3": "o1"}, ["o3", "o1"]),
        pytest.param(_approval, {"approved": ["o1", "o3"]}, ["o1", "o3"]),
    ],
    ids=["ranked", "approval"],
)
def test_it_takes_ranked_and_approval_ballots(loop, intake, committee, member, make, data, content):
    poll = make(committee, member)
    visitor = browser(intake, loop, member, poll=poll)

    tracker, secret = receipt_of(visitor.post(cast_url(poll), data))

    assert intake.taken == 1
    assert_stored(poll, member, tracker, secret, content)
    board = board_of(close_poll(poll))
    assert [(b["tracker"], b["content"]) for b in board["ballots"]] == [(tracker, content)]
    assert board_verify(board).ok


# ----------------------------------------------------------------------------- 2. header parity


def _headers_compared(answer: Answer) -> list[tuple[str, str]]:
    """Every header but those that differ by nature: Date and Content-Length, the cookies
    (compared apart), and Expires, a date compared to the second apart."""
    skipped = {"date", "content-length", "set-cookie", "expires"}
    return sorted((name, value) for name, value in answer.headers if name.lower() not in skipped)


def _cookies_compared(answer: Answer) -> list[tuple[str, dict[str, str]]]:
    """Each cookie's name and attributes; an expiry date is compared as present, not as the
    second it was computed."""
    return [
        (name, {k: ("<date>" if k == "expires" else v) for k, v in attributes.items()})
        for name, _value, attributes in answer.cookies_sent()
    ]


def _expires(answer: Answer) -> int:
    value = answer.header("Expires")
    assert value is not None
    return parse_http_date(value)


@postgresql_only
@pytest.mark.parametrize(
    ("language", "old_csrf_cookie"),
    [("", False), ("es", False), ("", True)],
    ids=["english", "spanish", "masked csrf cookie"],
)
def test_its_receipt_has_the_headers_and_page_of_djangos(
    loop, intake, django_app, open_motion, member, delegate, language, old_csrf_cookie
):
    """Two members of one poll, one through each path; also with a CSRF cookie in the masked
    format of Django before 4.1, which both accept and neither replaces. (A receipt never sets
    a cookie on either path, so the cookies compared are none, and must stay none.)"""
    visitors = [
        browser(intake, loop, member, poll=open_motion, language=language),
        browser(django_app, loop, delegate, poll=open_motion, language=language),
    ]
    if old_csrf_cookie:
        for visitor in visitors:
            secret = visitor.cookies[settings.CSRF_COOKIE_NAME]
            visitor.cookies[settings.CSRF_COOKIE_NAME] = _mask_cipher_secret(secret)

    taken, answered = (v.post(cast_url(open_motion), {"choice": "yes"}) for v in visitors)

    assert (intake.taken, django_app.taken) == (1, 0)
    assert taken.status == answered.status == 200
    assert _headers_compared(taken) == _headers_compared(answered)
    assert _cookies_compared(taken) == _cookies_compared(answered)
    assert abs(_expires(taken) - _expires(answered)) <= 2
    assert (taken.header("Content-Length") is None) == (answered.header("Content-Length") is None)
    pages = []
    for answer in (taken, answered):
        found = RECEIPT.search(answer.html)
        assert found is not None
        html = answer.html.replace(found.group("tracker"), "<tracker>")
        pages.append(html.replace(found.group("secret"), "<secret>"))
    assert pages[0] == pages[1]
    if language == "es":
        assert taken.header("Content-Language") == "es"
        assert 'lang="es"' in taken.html
    assert VoteCast.objects.filter(poll=open_motion).count() == 2
    assert Ballot.objects.filter(poll=open_motion).count() == 2


# ------------------------------------------------------------------- 3. Django answers instead


def test_without_a_session_django_sends_to_the_login_page(loop, intake, open_motion):
    answer = browser(intake, loop, None).post(cast_url(open_motion), {"choice": "yes"})
    assert answer.status == 302
    assert answer.header("Location") == login_url(open_motion)
    assert intake.taken == 0
    assert_nothing_written(open_motion)


@pytest.mark.parametrize("flaw", ["wrong token", "no token", "no cookie", "other origin"])
def test_a_csrf_failure_gets_djangos_403(loop, intake, open_motion, member, flaw):
    visitor = browser(intake, loop, member, poll=open_motion)
    options: dict[str, Any] = {}
    if flaw == "wrong token":
        visitor.csrf_token = _mask_cipher_secret(_get_new_csrf_string())
    elif flaw == "no token":
        options["token"] = False
    elif flaw == "no cookie":
        del visitor.cookies[settings.CSRF_COOKIE_NAME]
    else:
        options["origin"] = "http://elsewhere.example"

    answer = visitor.post(cast_url(open_motion), {"choice": "yes"}, **options)

    assert answer.status == 403
    assert "CSRF" in answer.text
    assert intake.taken == 0
    assert_nothing_written(open_motion)


def test_an_outsider_gets_djangos_404(loop, intake, open_motion, outsider):
    answer = browser(intake, loop, outsider).post(cast_url(open_motion), {"choice": "yes"})
    assert answer.status == 404
    assert intake.taken == 0
    assert_nothing_written(open_motion)


def test_a_member_outside_the_frozen_electorate_gets_djangos_403(
    loop, intake, committee, open_motion
):
    late = make_member(committee, handle="late").person
    answer = browser(intake, loop, late).post(cast_url(open_motion), {"choice": "yes"})
    assert answer.status == 403
    assert intake.taken == 0
    assert_nothing_written(open_motion)


def test_a_member_suspended_after_the_opening_gets_djangos_404(
    loop, intake, committee, chair, open_motion, member
):
    """Still an elector (the electorate is frozen) but no longer an active member."""
    visitor = browser(intake, loop, member, poll=open_motion)
    membership = Membership.objects.get(committee=committee, person=member)
    membership_suspend(membership=membership, by=chair)

    answer = visitor.post(cast_url(open_motion), {"choice": "yes"})

    assert Elector.objects.filter(poll=open_motion, person=member).exists()
    assert answer.status == 404
    assert intake.taken == 0
    assert_nothing_written(open_motion)


def test_a_draft_gets_djangos_reason(loop, intake, draft_motion, member):
    visitor = browser(intake, loop, member)

    answer = visitor.post(cast_url(draft_motion), {"choice": "yes"})

    assert answer.status == 302
    assert "has not opened yet" in visitor.follow(answer).text
    assert intake.taken == 0
    assert_nothing_written(draft_motion)


def test_a_closed_poll_gets_djangos_reason(loop, intake, open_motion, member):
    visitor = browser(intake, loop, member, poll=open_motion)
    close_poll(open_motion)

    answer = visitor.post(cast_url(open_motion), {"choice": "yes"})

    assert answer.status == 302
    assert answer.header("Location") == poll_url(open_motion)
    assert "The vote closed on" in visitor.follow(answer).text
    assert intake.taken == 0
    assert_nothing_written(open_motion)


def test_a_poll_past_its_closing_time_gets_djangos_reason(loop, intake, committee, member):
    poll = make_open_poll(committee, closes_at=timezone.now() + timedelta(hours=1))
    visitor = browser(intake, loop, member, poll=poll)
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(seconds=1))

    answer = visitor.post(cast_url(poll), {"choice": "yes"})

    assert answer.status == 302
    assert answer.header("Location") == poll_url(poll)
    assert "The vote closed at" in visitor.follow(answer).text
    assert intake.taken == 0
    assert_nothing_written(poll)


@pytest.mark.parametrize(
    ("data", "reason"),
    [({"choice": "maybe"}, "Select a valid choice"), ({}, "This field is required")],
    ids=["unknown choice", "empty"],
)
def test_an_invalid_ballot_gets_djangos_form_again(loop, intake, open_motion, member, data, reason):
    visitor = browser(intake, loop, member, poll=open_motion)

    answer = visitor.post(cast_url(open_motion), data)

    assert answer.status == 400
    assert reason in answer.text
    assert f'action="{cast_url(open_motion)}"' in answer.html
    assert intake.taken == 0
    assert_nothing_written(open_motion)


def test_a_second_ballot_gets_djangos_already_voted(loop, intake, open_motion, member):
    visitor = browser(intake, loop, member, poll=open_motion)
    tracker, secret = receipt_of(visitor.post(cast_url(open_motion), {"choice": "yes"}))
    assert intake.taken == TAKES

    answer = visitor.post(cast_url(open_motion), {"choice": "no"})

    assert answer.status == 302
    assert answer.header("Location") == poll_url(open_motion)
    assert "already voted" in visitor.follow(answer).text
    assert intake.taken == TAKES
    assert VoteCast.objects.filter(poll=open_motion).count() == 1
    assert_stored(open_motion, member, tracker, secret, "yes")


def test_a_roll_call_ballot_is_djangos_and_names_the_vote(loop, intake, committee, member):
    poll = make_open_poll(committee, is_secret=False)
    visitor = browser(intake, loop, member, poll=poll)

    tracker, secret = receipt_of(visitor.post(cast_url(poll), {"choice": "no"}))

    assert intake.taken == 0
    assert VoteCast.objects.get(poll=poll, voter=member).roll_call == {
        "tracker": tracker,
        "content": "no",
    }
    assert_stored(poll, member, tracker, secret, "no")


def _change_password(person: Person) -> None:
    person.set_password("another-long-enough-password")
    person.save()


def _deactivate(person: Person) -> None:
    Person.objects.filter(pk=person.pk).update(is_active=False)


def _expire_sessions(person: Person) -> None:
    PersonSession.objects.update(expire_date=timezone.now() - timedelta(seconds=1))


@pytest.mark.parametrize(
    "change",
    [_change_password, _deactivate, _expire_sessions],
    ids=["password changed", "inactive", "session expired"],
)
def test_a_session_django_would_not_accept_is_sent_to_the_login_page(
    loop, intake, open_motion, member, change
):
    visitor = browser(intake, loop, member, poll=open_motion)
    change(Person.objects.get(pk=member.pk))

    answer = visitor.post(cast_url(open_motion), {"choice": "yes"})

    assert answer.status == 302
    assert answer.header("Location") == login_url(open_motion)
    assert intake.taken == 0
    assert_nothing_written(open_motion)


@pytest.mark.parametrize("chunk_size", [8 * 1024, None], ids=["in chunks", "in one message"])
def test_a_body_larger_than_the_intakes_limit_is_djangos(
    loop, intake, open_motion, member, chunk_size
):
    """A valid ballot padded past MAX_BODY (Django accepts up to DATA_UPLOAD_MAX_MEMORY_SIZE):
    Django takes it, from the whole body, the part the intake read included. In chunks, the
    limit is crossed well before the last one; in one message, as a server may deliver a body
    that arrived before the application asked for it."""
    visitor = browser(intake, loop, member, poll=open_motion)
    padding = "x" * (intake_module.MAX_BODY + 16 * 1024)
    body = urlencode(
        {"choice": "no", "csrfmiddlewaretoken": visitor.csrf_token, "note": padding}
    ).encode()
    assert intake_module.MAX_BODY < len(body) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    answer = loop.run(visitor.request("POST", cast_url(open_motion), body, chunk_size=chunk_size))

    tracker, secret = receipt_of(answer)
    assert intake.taken == 0
    assert_stored(open_motion, member, tracker, secret, "no")


def test_a_host_django_does_not_serve_gets_djangos_400(loop, intake, open_motion, member):
    """No Origin header (a client that is not a browser): Django's CommonMiddleware still
    checks the Host against ALLOWED_HOSTS, and refuses."""
    visitor = browser(intake, loop, member, poll=open_motion)

    answer = visitor.post(
        cast_url(open_motion), {"choice": "yes"}, host="evil.example", origin=None
    )

    assert answer.status == 400
    assert intake.taken == 0
    assert_nothing_written(open_motion)


# ----------------------------------------------------------------------------- 4. races


@postgresql_only
def test_simultaneous_ballots_from_one_member_leave_exactly_one(loop, intake, open_motion, member):
    visitor = browser(intake, loop, member, poll=open_motion)

    async def together() -> list[Answer]:
        pool = await intake.connection_pool()
        await pool.resize(min_size=4, max_size=max(4, pool.max_size))  # one connection each
        await pool.wait()
        ballots = [{"choice": choice} for choice in ("yes", "no", "yes", "no")]
        return await asyncio.gather(
            *(visitor.post_async(cast_url(open_motion), ballot) for ballot in ballots)
        )

    answers = loop.run(together())

    assert sorted(a.status for a in answers) == [200, 302, 302, 302]
    assert intake.taken == 1
    refused = [a for a in answers if a.status == 302]
    assert all(a.header("Location") == poll_url(open_motion) for a in refused)
    (receipt,) = [a for a in answers if a.status == 200]
    tracker, secret = receipt_of(receipt)
    ballot = the_ballot(open_motion)
    assert VoteCast.objects.filter(poll=open_motion).count() == 1
    assert unseal(ballot.sealed)[0] == tracker
    assert secret_matches(secret, ballot.replace_digest)


@postgresql_only
def test_ballots_cast_while_the_poll_closes_are_all_on_the_board_or_refused(
    loop, intake, committee
):
    voters = make_voters(committee, 24)
    poll = make_open_poll(committee)
    for person in voters[:4]:
        cast(poll, person, "no")
    visitors = [browser(intake, loop, person) for person in voters[4:]]
    half_answered = threading.Event()
    answered = 0

    async def vote(visitor: Browser) -> Answer:
        nonlocal answered
        answer = await visitor.post_async(cast_url(poll), {"choice": "yes"})
        answered += 1
        if answered == 6:
            half_answered.set()
        return answer

    async def everyone() -> list[Answer]:
        pool = await intake.connection_pool()
        await pool.resize(min_size=pool.max_size, max_size=pool.max_size)
        await pool.wait()
        return await asyncio.gather(*(vote(v) for v in visitors))

    voting = loop.submit(everyone())
    assert half_answered.wait(timeout=30)
    close_poll(poll)  # on this thread's own connection, while the loop goes on voting
    answers = voting.result(timeout=60)

    accepted = [receipt_of(a)[0] for a in answers if a.status == 200]
    refused = [a for a in answers if a.status != 200]
    assert len(accepted) >= 6
    assert intake.taken <= len(accepted)
    assert all(a.status == 302 and a.header("Location") == poll_url(poll) for a in refused)
    board = board_of(fresh(poll))
    assert board_verify(board).ok
    assert board["votes_cast"] == len(board["ballots"]) == 4 + len(accepted)
    assert set(accepted) <= {b["tracker"] for b in board["ballots"]}
    assert VoteCast.objects.filter(poll=poll).count() == 4 + len(accepted)
    assert Ballot.objects.filter(poll=poll).count() == len(board["ballots"])


# ----------------------------------------------------------------------------- 5. live turnout


def test_a_ballot_refreshes_the_poll_pages_turnout(loop, intake, open_motion, member):
    visitor = browser(intake, loop, member, poll=open_motion)
    layer = get_channel_layer()
    assert layer is not None

    async def watch_and_vote() -> tuple[Answer, dict[str, Any]]:
        channel = await layer.new_channel()
        await layer.group_add(f"poll-{open_motion.pk}", channel)
        answer = await visitor.post_async(cast_url(open_motion), {"choice": "yes"})
        message = await asyncio.wait_for(layer.receive(channel), timeout=5)
        await layer.group_discard(f"poll-{open_motion.pk}", channel)
        return answer, message

    answer, message = loop.run(watch_and_vote())

    receipt_of(answer)
    assert intake.taken == TAKES
    assert message == {
        "type": "live.refresh",
        "sections": [],
        "figures": {f"poll-{open_motion.pk}-cast": 1},
    }


def test_a_channel_layer_that_is_down_does_not_cost_the_voter_the_receipt(
    loop, intake, open_motion, member, monkeypatch
):
    """The ballot is committed before the live refresh: if the channel layer fails (Redis
    gone), the voter still gets the tracker and secret of the ballot that counts, on either
    path (not Django's "you have already voted", nor an error page)."""
    visitor = browser(intake, loop, member, poll=open_motion)
    layer = get_channel_layer()

    async def unreachable(group: str, message: dict[str, Any]) -> None:
        raise ConnectionError("the channel layer is unreachable")

    monkeypatch.setattr(layer, "group_send", unreachable)

    answer = visitor.post(cast_url(open_motion), {"choice": "yes"})

    tracker, secret = receipt_of(answer)
    assert intake.taken == TAKES
    assert VoteCast.objects.filter(poll=open_motion).count() == 1
    assert_stored(open_motion, member, tracker, secret, "yes")
