"""End-to-end fixtures: one headless Chromium per session; the demo federation, or a small one
where a test needs less (the demo takes seconds to load); and visitors, each a browser context of
its own (own cookies), whose every request is recorded. A test fails if any page asked a host
other than the live server for anything: that request would tell a third party who organises."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told that this is deliberate.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from django.contrib.auth.hashers import make_password
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Request,
    sync_playwright,
)
from pytest_django.live_server_helper import LiveServer

from rankfile.accounts.models import Person
from rankfile.committees import services
from rankfile.committees.models import Committee
from rankfile.demo.people import DEMO_PASSWORD
from rankfile.demo.scenario import demo_invitation_for_newcomer, demo_load
from tests.e2e.browser import CHROMIUM_PATH, chromium_launch

PHONE_WIDTH = 360
DESKTOP_WIDTH = 1280


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM_PATH):
        message = f"{CHROMIUM_PATH} is missing: run `bash scripts/install-system-deps`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = chromium_launch(playwright)
        yield browser
        browser.close()


@dataclasses.dataclass
class Visitor:
    """One person at one browser."""

    context: BrowserContext
    page: Page
    base_url: str

    def go(self, path: str) -> None:
        response = self.page.goto(f"{self.base_url}{path}")
        assert response is not None

    def log_in(self, handle: str, password: str = DEMO_PASSWORD) -> None:
        self.go("/account/login/")
        self.page.locator("input[name=handle]").fill(handle)
        self.page.locator("input[name=password]").fill(password)
        self.page.locator("main button[type=submit]").click()
        self.page.wait_for_url(f"{self.base_url}/committees/")

    def url_path(self) -> str:
        return urlsplit(self.page.url).path


@dataclasses.dataclass
class RequestLog:
    """Every URL any visitor's browser asked for during one test."""

    server_netloc: str
    urls: list[str] = dataclasses.field(default_factory=list)

    def foreign(self) -> list[str]:
        return [url for url in self.urls if urlsplit(url).netloc != self.server_netloc]


@pytest.fixture
def requests_made(live_server: LiveServer) -> RequestLog:
    return RequestLog(server_netloc=urlsplit(live_server.url).netloc)


VisitorFactory = Callable[..., Visitor]


@pytest.fixture
def visit(
    browser: Browser, live_server: LiveServer, requests_made: RequestLog
) -> Iterator[VisitorFactory]:
    """visit(width=..., java_script_enabled=...) opens a fresh browser context for one person."""
    base_url = live_server.url
    contexts: list[BrowserContext] = []

    def record(request: Request) -> None:
        requests_made.urls.append(request.url)

    def open_visitor(
        *, width: int = DESKTOP_WIDTH, java_script_enabled: bool = True, language: str = "en"
    ) -> Visitor:
        context = browser.new_context(
            viewport={"width": width, "height": 800},
            java_script_enabled=java_script_enabled,
            locale="en-US" if language == "en" else language,
        )
        context.set_default_timeout(10_000)
        context.on("request", record)
        # Recorded above, then refused: the test must not reach out even if a page tries to.
        context.route(
            lambda url: urlsplit(url).netloc != requests_made.server_netloc,
            lambda route: route.abort(),
        )
        contexts.append(context)
        return Visitor(context=context, page=context.new_page(), base_url=base_url)

    yield open_visitor
    for context in contexts:
        context.close()
    assert requests_made.foreign() == [], "a page asked another host for something"


@pytest.fixture
def invitation_token(live_server: LiveServer) -> str:
    """The demo federation, and a fresh link into the hospital committee made by its chair."""
    demo_load()
    return demo_invitation_for_newcomer()


@dataclasses.dataclass(frozen=True)
class SmallFederation:
    """`coordinator` chairs `coordinating` (by industry); `chair` chairs `garage`, not affiliated
    yet; `stranger` is in no committee; `invitation_token` is a live link into `garage`."""

    coordinating: Committee
    garage: Committee
    invitation_token: str


@pytest.fixture
def small_federation(live_server: LiveServer) -> SmallFederation:
    password = make_password(DEMO_PASSWORD)
    coordinator = Person.objects.create(handle="coordinator", password=password, is_operator=True)
    chair = Person.objects.create(handle="chair", password=password)
    Person.objects.create(handle="stranger", password=password)
    coordinating = services.committee_found(
        by=coordinator,
        name="Twin Cities Transit Workers",
        kind="coordinating",
        sector="transit",
        region="US/MN",
    )
    garage = services.committee_found(
        by=chair,
        name="Heywood Bus Garage Committee",
        kind="workplace",
        sector="transit",
        region="US/MN/Minneapolis",
        workforce_estimate=650,
    )
    _invitation, token = services.invitation_create(
        committee=garage, by=chair, valid_days=7, max_uses=None, label="end-to-end"
    )
    return SmallFederation(coordinating=coordinating, garage=garage, invitation_token=token)
