"""The access table every app's guard test is written with: each URL of the app, the methods
it answers, how to build its URL, and who is refused. The checks are the standard ones: a wrong
method gets 405, an anonymous visitor is sent to log in, an outsider gets 404 (not even
learning that the thing exists), a member without the needed role gets 403; a refused request
writes nothing. The guard also fails when a URL is added to the app without a row here."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from django.db.models import Model
from django.http import HttpResponse
from django.test import Client
from django.urls import get_resolver, reverse

from tests.factories import count_rows, logged_in

ALL_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
GET, POST, BOTH = frozenset({"GET"}), frozenset({"POST"}), frozenset({"GET", "POST"})


@dataclasses.dataclass(frozen=True)
class Page:
    name: str
    methods: frozenset[str]
    kwargs: Callable[[SimpleNamespace], dict[str, Any]]  # the URL's arguments, from the world
    hidden: bool = True  # 404 to an outsider
    forbidden_to: str = ""  # the persona of the world who gets 403, if any

    def __str__(self) -> str:
        return self.name


def url_names(namespace: str) -> set[str]:
    """Every URL name of the namespace, as Django resolves them."""
    reverse_dict = get_resolver().namespace_dict[namespace][1].reverse_dict
    return {f"{namespace}:{name}" for name in reverse_dict if isinstance(name, str)}


def url_of(page: Page, world: SimpleNamespace) -> str:
    return reverse(page.name, kwargs=page.kwargs(world))


def requests_of(pages: list[Page]) -> list[tuple[Page, str]]:
    return [(page, method) for page in pages for method in sorted(page.methods)]


def send(client: Client, method: str, url: str) -> HttpResponse:
    return getattr(client, method.lower())(url)


def answer_writing_nothing(
    client: Client, method: str, url: str, *, written: tuple[type[Model], ...]
) -> HttpResponse:
    before = count_rows(*written)
    response = send(client, method, url)
    assert count_rows(*written) == before, (method, url)
    return response


def assert_refuses_other_methods(
    page: Page, world: SimpleNamespace, client: Client, *, written: tuple[type[Model], ...]
) -> None:
    url = url_of(page, world)
    for method in sorted(ALL_METHODS - page.methods):
        response = answer_writing_nothing(client, method, url, written=written)
        assert response.status_code == 405, method


def assert_asks_to_log_in(
    page: Page,
    method: str,
    world: SimpleNamespace,
    client: Client,
    *,
    written: tuple[type[Model], ...],
) -> None:
    url = url_of(page, world)
    response = answer_writing_nothing(client, method, url, written=written)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def assert_answers(
    status: int,
    page: Page,
    method: str,
    world: SimpleNamespace,
    client: Client,
    *,
    person: Any,
    written: tuple[type[Model], ...],
) -> None:
    url = url_of(page, world)
    response = answer_writing_nothing(logged_in(client, person), method, url, written=written)
    assert response.status_code == status
