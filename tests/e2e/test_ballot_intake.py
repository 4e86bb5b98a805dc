"""Secret ballots cast in a real browser and taken by the ballot intake (rankfile.votes.intake).

pytest-django's `live_server` is a threaded WSGI server: it never runs the ASGI application, so
the intake (which sits in front of Django in rankfile.asgi) is never reached by the other
end-to-end tests. Here the real `rankfile.asgi.application` runs under uvicorn on a thread of the
test process, with an event loop of its own (as one server process has), against the test
database; the same server answers the pages, the static files (WhiteNoise, from the finders)
and the poll page's live socket (`ws/polls/<id>/`).

Members vote at their own browsers, one of them without JavaScript, while another keeps the
poll page open and watches the turnout change without reloading; `intake.taken` shows that the
intake, not Django's view, took every ballot. PostgreSQL only: on SQLite the intake passes every
ballot to Django's view, which test_meeting_to_election.py drives through the browser already.

The last two tests hold the poll page's live parts to what they promise: a turnout that catches
up within a second or so of a burst of ballots, and the "Live" line once the socket is open.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import socket
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
import uvicorn
from django.db import connection
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    Request,
    Response,
    WebSocket,
    expect,
)

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee
from rankfile.votes import live
from rankfile.votes.intake import BallotIntake
from rankfile.votes.models import Ballot, Poll, PollStatus, VoteCast
from tests.e2e.conftest import DESKTOP_WIDTH, Visitor
from tests.e2e.meeting_helpers import log_in, told
from tests.factories import PASSWORD, make_committee, make_member, make_person
from tests.votes.helpers import make_election, make_open_poll, open_poll

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    # uvicorn's default WebSocket protocol is the legacy one of the `websockets` library.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:websockets.*"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:uvicorn.*"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the ballot intake takes ballots on PostgreSQL only (on SQLite Django's view "
        "takes them: test_meeting_to_election.py)",
    ),
]

MOTION = "Refuse the new rota"
ELECTION = "Our delegate to the transit committee"
CHAIR, MEMBERS = "rosa", ("ana", "bo", "chen", "dee")
ELECTORATE = 1 + len(MEMBERS)
# Keeps the page's WebSockets in reach of the test (live.js keeps its own in a closure), to wait
# until the page listens before anyone votes.
SOCKETS_KEPT = """(() => {
  const Native = window.WebSocket;
  const kept = [];
  window.__sockets = kept;
  window.WebSocket = function (url, protocols) {
    const socket = new Native(url, protocols);
    kept.push(socket);
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
})();"""
LIVE_TIMEOUT = 5_000  # ms: the turnout goes out at most once a second per poll and process
TRACKER = re.compile(r"[0-9a-f]{32}")
SECRET = re.compile(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){5}-[A-Z2-7]{2}")  # 26 base32 letters, shown by four


# ----------------------------------------------------------------------------- the server


class AsgiServer:
    """`rankfile.asgi.application` under uvicorn, on a thread with its own event loop."""

    def __init__(self) -> None:
        from rankfile.asgi import application  # imports (and sets up) the whole ASGI stack

        self.intake: BallotIntake = application.application_mapping["http"]
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))  # a free port, held from now on: no race for it
        host, port = self.socket.getsockname()
        self.url = f"http://{host}:{port}"
        self.server = uvicorn.Server(
            uvicorn.Config(
                application,
                host=host,
                port=port,
                lifespan="off",
                log_level="warning",
                access_log=False,
                proxy_headers=False,  # as `rankfile serve` runs it
                server_header=False,
            )
        )
        self.loop = asyncio.new_event_loop()
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="uvicorn", daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self.server.serve(sockets=[self.socket]))
        except BaseException as error:  # reported by stop()
            self.failure = error
        finally:
            # The intake keeps its pool (and the lock that guards its creation) for the life of
            # the process, on the loop of its first ballot. This loop ends here: close the pool
            # on it, so that the test database has no connection left and a later server in
            # this process starts with a pool of its own.
            if self.intake.pool is not None:
                self.loop.run_until_complete(self.intake.pool.close())
                self.intake.pool = None
            self.intake.pool_lock = asyncio.Lock()
            self.loop.close()

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert self.thread.is_alive(), f"uvicorn did not start: {self.failure!r}"
            assert time.monotonic() < deadline, "uvicorn did not start within 10 s"
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.socket.close()
        assert not self.thread.is_alive(), "uvicorn did not stop within 15 s"
        assert self.failure is None, f"uvicorn failed: {self.failure!r}"


@pytest.fixture
def asgi_server(transactional_db: None) -> Iterator[AsgiServer]:
    live.turnout_throttle.clear()  # the turnout throttle lives in the process's memory
    server = AsgiServer()
    server.start()
    yield server
    server.stop()
    live.turnout_throttle.clear()


@dataclasses.dataclass
class Traffic:
    """Every URL the browsers asked for (requests and WebSockets), and every static file's
    status, during one test."""

    server_netloc: str
    urls: list[str] = dataclasses.field(default_factory=list)
    static: dict[str, int] = dataclasses.field(default_factory=dict)
    sockets: list[str] = dataclasses.field(default_factory=list)

    def foreign(self) -> list[str]:
        return [url for url in self.urls if urlsplit(url).netloc != self.server_netloc]


@pytest.fixture
def traffic(asgi_server: AsgiServer) -> Traffic:
    return Traffic(server_netloc=urlsplit(asgi_server.url).netloc)


VisitorFactory = Callable[..., Visitor]


@pytest.fixture
def visit(browser: Browser, asgi_server: AsgiServer, traffic: Traffic) -> Iterator[VisitorFactory]:
    """As tests/e2e/conftest.py's `visit`, against the uvicorn server: a browser context per
    person, every request recorded, any other host refused (and the test failed)."""
    contexts: list[BrowserContext] = []

    def record(request: Request) -> None:
        traffic.urls.append(request.url)

    def record_static(response: Response) -> None:
        if urlsplit(response.url).path.startswith("/static/"):
            traffic.static[urlsplit(response.url).path] = response.status

    def watch_page(page: Page) -> None:
        def record_socket(socket_: WebSocket) -> None:
            traffic.urls.append(socket_.url)
            traffic.sockets.append(urlsplit(socket_.url).path)

        page.on("websocket", record_socket)

    def open_visitor(*, java_script_enabled: bool = True) -> Visitor:
        context = browser.new_context(
            viewport={"width": DESKTOP_WIDTH, "height": 800},
            java_script_enabled=java_script_enabled,
            locale="en-US",
        )
        context.set_default_timeout(10_000)
        context.on("request", record)
        context.on("response", record_static)
        context.on("page", watch_page)
        context.add_init_script(SOCKETS_KEPT)
        context.route(
            lambda url: urlsplit(url).netloc != traffic.server_netloc,
            lambda route: route.abort(),
        )
        contexts.append(context)
        return Visitor(context=context, page=context.new_page(), base_url=asgi_server.url)

    yield open_visitor
    for context in contexts:
        context.close()
    assert traffic.foreign() == [], "a page asked another host for something"
    missing = {path: status for path, status in traffic.static.items() if status != 200}
    if missing:  # the pages stay usable without their style; the live refresh would fail anyway
        warnings.warn(f"static files not served by the ASGI server: {missing}", stacklevel=1)


# ----------------------------------------------------------------------------- the committee


@dataclasses.dataclass(frozen=True)
class Garage:
    committee: Committee
    people: dict[str, Person]
    motion: Poll


@pytest.fixture
def garage(asgi_server: AsgiServer) -> Garage:
    """Five active members (`rosa` chairs) and an open secret yes / no motion."""
    people = {handle: make_person(handle) for handle in (CHAIR, *MEMBERS)}
    committee = make_committee(by=people[CHAIR], name="Heywood Bus Garage Committee")
    for handle in MEMBERS:
        make_member(committee, people[handle])
    motion = make_open_poll(committee, title=MOTION)
    assert (motion.is_secret, motion.electorate_size) == (True, ELECTORATE)
    return Garage(committee=committee, people=people, motion=motion)


# ----------------------------------------------------------------------------- steps


def poll_path(poll: Poll, suffix: str = "") -> str:
    return f"/polls/{poll.pk}/{suffix}"


def turnout(visitor: Visitor) -> Locator:
    return visitor.page.locator("#poll-status .turnout")


def watch(visitor: Visitor, poll: Poll) -> None:
    """Open the poll page and wait until its live socket is open (the server accepts it only
    once it has joined the poll's group)."""
    visitor.go(poll_path(poll))
    visitor.page.wait_for_function(
        "path => (window.__sockets || []).some("
        "socket => socket.readyState === WebSocket.OPEN && new URL(socket.url).pathname === path)",
        arg=f"/ws{poll_path(poll)}",
    )


def have_voted(count: int) -> str:
    return f"{count} of {ELECTORATE} have voted"


def ballot_form(visitor: Visitor, page: Page | None = None) -> Locator:
    page = page or visitor.page
    return page.locator("section[aria-labelledby=vote-h] form")


def receipt(visitor: Visitor) -> str:
    """The receipt page: its tracker (kept) and its secret (shown once)."""
    page = visitor.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Your ballot is cast")
    assert urlsplit(page.url).path.endswith("/cast/")
    tracker = page.get_by_label("Your tracker").input_value()
    secret = page.get_by_label("Your secret").input_value()
    assert TRACKER.fullmatch(tracker), tracker
    assert SECRET.fullmatch(secret), secret
    return tracker


class Pacer:
    """The intake refreshes a poll's turnout at most once a second (rankfile.votes.live), and
    a refresh it skips is not sent later. To see each ballot arrive on the watcher's page, the
    next ballot is sent more than a second after the last one's refresh."""

    def __init__(self) -> None:
        self.last = float("-inf")

    def wait(self, page: Page) -> None:
        remaining = live.TURNOUT_REFRESH_SECONDS + 0.1 - (time.monotonic() - self.last)
        if remaining > 0:
            page.wait_for_timeout(remaining * 1000)

    def sent(self) -> None:
        self.last = time.monotonic()


def cast_yes_no(voter: Visitor, poll: Poll, choice: str, pacer: Pacer) -> str:
    voter.go(poll_path(poll))
    expect(voter.page.get_by_role("heading", level=1)).to_have_text(poll.title)
    form = ballot_form(voter)
    form.get_by_label(choice, exact=True).check()
    pacer.wait(voter.page)
    form.get_by_role("button", name="Cast my ballot").click()
    tracker = receipt(voter)
    pacer.sent()
    return tracker


def counts(poll: Poll) -> tuple[int, int]:
    return VoteCast.objects.filter(poll=poll).count(), Ballot.objects.filter(poll=poll).count()


def close(chair: Visitor, poll: Poll) -> None:
    # A vote outside a meeting closes by hand from its deadline on (or once everyone voted):
    # the deadline moves into the past, as a clock would.
    from tests.votes.helpers import deadline_pass

    deadline_pass(poll)
    chair.go(poll_path(poll))
    chair.page.get_by_role("button", name="Close the vote and publish the result").click()
    chair.page.get_by_role("button", name="Yes, close the vote").click()
    expect(told(chair)).to_contain_text("The vote is closed and its result published.")
    expect(chair.page.get_by_role("heading", level=1)).to_have_text(f"Result: {poll.title}")


def check_ballot(voter: Visitor, poll: Poll, tracker: str) -> None:
    voter.go(poll_path(poll))
    voter.page.get_by_role("link", name="Check my ballot").click()
    expect(voter.page.get_by_role("heading", level=1)).to_have_text("Check my ballot")
    voter.page.get_by_label("Tracker").fill(tracker)
    voter.page.get_by_role("button", name="Check").click()


# ----------------------------------------------------------------------------- the tests


def test_members_vote_in_the_browser_and_the_intake_takes_every_ballot(
    visit: VisitorFactory, asgi_server: AsgiServer, garage: Garage, traffic: Traffic
) -> None:
    intake = asgi_server.intake
    motion = garage.motion
    ana_, bo_, chen_ = (garage.people[handle] for handle in ("ana", "bo", "chen"))
    election = open_poll(make_election(garage.committee, [ana_, bo_, chen_], method="irv"))
    taken_before = intake.taken

    # The first member logs in through the form; the others are given a session.
    ana = visit()
    ana.log_in("ana", PASSWORD)
    bo = log_in(visit(java_script_enabled=False), bo_)
    chen = log_in(visit(), chen_)
    dee = log_in(visit(), garage.people["dee"])
    rosa = log_in(visit(), garage.people[CHAIR])

    # dee keeps the motion's page open; its live socket connects to the same server, which
    # also serves the page's style and scripts (WhiteNoise, from the finders).
    watch(dee, motion)
    assert traffic.sockets == [f"/ws{poll_path(motion)}"], traffic.sockets
    expect(turnout(dee)).to_have_text(have_voted(0))
    dee.page.evaluate("() => { window.notReloaded = true; }")
    assert {"/static/css/rankfile.css", "/static/js/live.js"} <= set(traffic.static), traffic.static

    # ana opens the motion in a second tab too (a form she may submit again later), then votes.
    stale = ana.context.new_page()
    stale.goto(f"{ana.base_url}{poll_path(motion)}")
    expect(ballot_form(ana, stale).get_by_role("button", name="Cast my ballot")).to_be_visible()
    pacer = Pacer()
    ana_tracker = cast_yes_no(ana, motion, "Yes", pacer)
    assert intake.taken == taken_before + 1
    expect(turnout(dee)).to_have_text(have_voted(1), timeout=LIVE_TIMEOUT)

    # bo votes without JavaScript: a plain form post, the same receipt.
    cast_yes_no(bo, motion, "Yes", pacer)
    assert intake.taken == taken_before + 2
    expect(turnout(dee)).to_have_text(have_voted(2), timeout=LIVE_TIMEOUT)

    # chen votes no on the motion, and ranks the candidates in the election.
    cast_yes_no(chen, motion, "No", pacer)
    expect(turnout(dee)).to_have_text(have_voted(3), timeout=LIVE_TIMEOUT)
    chen.go(poll_path(election))
    form = ballot_form(chen)
    form.get_by_label("1st choice").select_option(label="bo")
    form.get_by_label("2nd choice").select_option(label="ana")
    form.get_by_role("button", name="Cast my ballot").click()
    chen_tracker = receipt(chen)
    assert intake.taken == taken_before + 4, "a ballot went through Django's view"
    assert counts(motion) == (3, 3)
    assert counts(election) == (1, 1)

    # ana's poll page no longer offers the form ...
    ana.go(poll_path(motion))
    expect(ana.page.locator("section[aria-labelledby=vote-h]")).to_contain_text("You have voted.")
    expect(ballot_form(ana)).to_have_count(0)
    # ... and the form she left open in the other tab is refused: the intake passes the second
    # ballot to Django, which says why and writes nothing.
    ballot_form(ana, stale).get_by_label("No", exact=True).check()
    ballot_form(ana, stale).get_by_role("button", name="Cast my ballot").click()
    expect(stale.locator("main ul.messages")).to_contain_text("You have already voted.")
    assert urlsplit(stale.url).path == poll_path(motion)
    stale.close()
    assert intake.taken == taken_before + 4
    assert counts(motion) == (3, 3)

    # Before the close, the check page only says the ballot was received.
    check_ballot(ana, motion, ana_tracker)
    expect(ana.page.locator(".callout")).to_contain_text("Your ballot was received.")

    # The chair closes the motion; dee's page shows the final turnout and the status without
    # reloading.
    close(rosa, motion)
    assert Poll.objects.get(pk=motion.pk).status == PollStatus.CLOSED
    expect(rosa.page.locator(".result-summary")).to_have_text(
        "Adopted: 2 yes, 1 no, 0 abstain (simple majority)"
    )
    expect(turnout(dee)).to_have_text(have_voted(3), timeout=LIVE_TIMEOUT)
    expect(dee.page.locator("#poll-status .status")).to_have_text("Closed", timeout=LIVE_TIMEOUT)
    assert dee.page.evaluate("() => window.notReloaded === true"), "dee's page was reloaded"

    # ana finds her ballot on the published board, counted as she cast it.
    check_ballot(ana, motion, ana_tracker)
    expect(ana.page.locator(".callout")).to_contain_text(
        "Your ballot is on the published board, counted as:"
    )
    expect(ana.page.locator("ol.ballot-content li")).to_have_text(["Yes"])

    # The election: chen's ranking, as she cast it.
    close(rosa, election)
    check_ballot(chen, election, chen_tracker)
    expect(chen.page.locator("ol.ballot-content li")).to_have_text(["bo", "ana"])
    assert intake.taken == taken_before + 4


def test_the_turnout_shown_catches_up_after_two_ballots_in_the_same_second(
    visit: VisitorFactory, asgi_server: AsgiServer, garage: Garage
) -> None:
    """During a burst the shown turnout may lag by up to a second (rankfile.votes.live), never
    more: a ballot inside the throttle's second is sent at its end, so the page does not stay
    one behind until another ballot or the close."""
    motion = garage.motion
    ana = log_in(visit(), garage.people["ana"])
    bo = log_in(visit(), garage.people["bo"])
    dee = log_in(visit(), garage.people["dee"])
    watch(dee, motion)
    expect(turnout(dee)).to_have_text(have_voted(0))

    bo.go(poll_path(motion))
    ballot_form(bo).get_by_label("No", exact=True).check()  # ready to send
    cast_yes_no(ana, motion, "Yes", Pacer())
    expect(turnout(dee)).to_have_text(have_voted(1), timeout=LIVE_TIMEOUT)
    ballot_form(bo).get_by_role("button", name="Cast my ballot").click()
    receipt(bo)
    assert counts(motion) == (2, 2)
    assert asgi_server.intake.taken >= 2

    # Three seconds later the page should show both ballots.
    expect(turnout(dee), "the turnout held back by the throttle is sent").to_have_text(
        have_voted(2), timeout=3_000
    )


def test_the_poll_page_says_it_is_live(visit: VisitorFactory, garage: Garage) -> None:
    """The poll page has a status line for its live socket (`data-live-status`, with the text
    to show in `data-live-on`); once the socket is open it should say "Live"."""
    dee = log_in(visit(), garage.people["dee"])
    watch(dee, garage.motion)
    expect(
        dee.page.locator("[data-live-status]"),
        "live.js reads data-live-on from the [data-live-socket] element; the poll page puts it "
        "on the [data-live-status] one",
    ).to_have_text("Live", timeout=2_000)
