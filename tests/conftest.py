"""Personas shared by the tests.

`committee` is a workplace committee affiliated to `coordinating`, a coordinating committee by
industry. In `committee`: `chair` (its founder and chair), `member` (active, no role) and
`delegate` (active, holding a delegate seat on `coordinating`). `outsider` has an account and is
in no committee.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from pytest_django.fixtures import SettingsWrapper

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee
from tests.factories import logged_in, make_committee, make_member, make_person, make_seat


def pytest_configure(config: pytest.Config) -> None:
    # WhiteNoise serves from the finders in tests; it warns that `collectstatic` never ran.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashing() -> Iterator[None]:
    with override_settings(PASSWORD_HASHERS=["tests.factories.QuickArgon2PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _empty_cache(settings: SettingsWrapper) -> Iterator[None]:
    """Each test starts with an empty cache (rate limits!). With REDIS_URL the cache is a Redis
    database that other test runs may share, so instead of flushing it under their feet, each
    test gets keys of its own; the process-local cache is also emptied."""
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = caches
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        cache.clear()
    yield
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        cache.clear()


@pytest.fixture
def chair(db: None) -> Person:
    return make_person("chair")


@pytest.fixture
def coordinating(db: None) -> Committee:
    return make_committee(
        "coordinating",
        by=make_person("coordinator"),
        name="Twin Cities Transit Workers",
        sector="transit",
        region="US/MN",
    )


@pytest.fixture
def committee(chair: Person, coordinating: Committee) -> Committee:
    return make_committee(
        by=chair, name="Heywood Bus Garage", parent=coordinating, workforce_estimate=650
    )


@pytest.fixture
def member(committee: Committee) -> Person:
    return make_member(committee, handle="member").person


@pytest.fixture
def delegate(committee: Committee, coordinating: Committee) -> Person:
    person = make_member(committee, handle="delegate").person
    make_seat(committee, coordinating, person)
    return person


@pytest.fixture
def outsider(db: None) -> Person:
    return make_person("outsider")


@pytest.fixture
def chair_client(client: Client, chair: Person) -> Client:
    return logged_in(client, chair)


@pytest.fixture
def member_client(client: Client, member: Person) -> Client:
    return logged_in(client, member)


@pytest.fixture
def outsider_client(client: Client, outsider: Person) -> Client:
    return logged_in(client, outsider)
