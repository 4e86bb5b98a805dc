"""Small helpers that make test data through the real services, so counts and logs stay true."""

from __future__ import annotations

import functools
import itertools
import re
from html import unescape

from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.contrib.messages import get_messages
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rankfile.accounts.models import Person
from rankfile.committees import services
from rankfile.committees.models import (
    Affiliation,
    Committee,
    DelegateSeat,
    Membership,
    MembershipStatus,
    Role,
    RoleKind,
)

PASSWORD = "a-long-enough-test-password"
_numbers = itertools.count(1)


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 at the lowest cost, for the tests that check passwords: the production cost
    (100 MiB, see rankfile.settings) takes a fifth of a second per check. One test checks the
    production hasher itself."""

    time_cost = 1
    memory_cost = 8
    parallelism = 1


@functools.cache
def password_hash(password: str = PASSWORD) -> str:
    """Argon2 is slow on purpose: hash each password once per test session, not per person."""
    return make_password(password)


def make_person(handle: str | None = None, *, password: str = PASSWORD, **fields: object) -> Person:
    handle = handle or f"person{next(_numbers)}"
    return Person.objects.create(handle=handle, password=password_hash(password), **fields)


def chair_of(committee: Committee) -> Person:
    """The committee's first chair still in office."""
    return (
        Role.objects.select_related("person")
        .filter(committee=committee, kind=RoleKind.CHAIR, ended_at__isnull=True)
        .earliest("pk")
        .person
    )


def make_committee(
    kind: str = "workplace",
    *,
    parent: Committee | None = None,
    by: Person | None = None,
    name: str | None = None,
    sector: str = "transit",
    region: str = "US/MN/Minneapolis",
    workforce_estimate: int | None = 100,
) -> Committee:
    """Found a committee (its founder is chair) and, with `parent`, affiliate it there."""
    committee = services.committee_found(
        by=by or make_person(),
        name=name or f"Committee {next(_numbers)}",
        kind=kind,
        sector=sector,
        region=region,
        workforce_estimate=workforce_estimate,
    )
    if parent is not None:
        make_affiliation(committee, parent)
    return committee


def request_affiliation(child: Committee, parent: Committee) -> Affiliation:
    return services.affiliation_request(child=child, parent=parent, by=chair_of(child))


def make_affiliation(child: Committee, parent: Committee) -> Affiliation:
    """An accepted affiliation of `child` to `parent`."""
    return services.affiliation_accept(
        affiliation=request_affiliation(child, parent), by=chair_of(parent)
    )


def make_member(
    committee: Committee,
    person: Person | None = None,
    *,
    status: str = MembershipStatus.ACTIVE,
    handle: str | None = None,
) -> Membership:
    """A membership in the given status, reached the way people reach it: an invitation, then
    the chair's approval, then (for suspended or left) the chair's or the member's action."""
    person = person or make_person(handle)
    chair = chair_of(committee)
    _invitation, token = services.invitation_create(committee=committee, by=chair)
    membership = services.invitation_redeem(token=token, person=person)
    if status == MembershipStatus.APPLIED:
        return membership
    if membership.status == MembershipStatus.APPLIED:
        membership = services.membership_approve(membership=membership, by=chair)
    if status == MembershipStatus.SUSPENDED:
        membership = services.membership_suspend(membership=membership, by=chair)
    elif status == MembershipStatus.LEFT:
        membership = services.membership_leave(membership=membership, by=person)
    return membership


def make_members(committee: Committee, count: int) -> list[Membership]:
    return [make_member(committee) for _ in range(count)]


def make_seat(child: Committee, parent: Committee, person: Person) -> DelegateSeat:
    """A delegate seat for `person` (an active member of `child`) on `parent`."""
    return services.seat_assign(parent=parent, committee=child, person=person, by=chair_of(child))


def set_bylaws(committee: Committee, **overrides: object) -> None:
    services.committee_bylaws_update(
        committee=committee, by=chair_of(committee), overrides=overrides
    )
    committee.refresh_from_db()


def make_invitation(committee: Committee, **options: object) -> str:
    _invitation, token = services.invitation_create(
        committee=committee, by=chair_of(committee), **options
    )
    return token


def logged_in(client: Client, person: Person) -> Client:
    client.force_login(person)
    return client


def active_count_in_database(committee: Committee) -> int:
    """What `active_member_count` must always equal."""
    return Membership.objects.filter(committee=committee, status=MembershipStatus.ACTIVE).count()


def count_rows(*models: type) -> dict[str, int]:
    """Row counts, to show that a refused request wrote nothing."""
    return {model.__name__: model.objects.count() for model in models}


def page_text(response: HttpResponse) -> str:
    """The visible text of a page, tags dropped and white space collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def last_message(response: HttpResponse) -> str:
    """The message the request left for the next page (earlier unread ones come first)."""
    return [str(message) for message in get_messages(response.wsgi_request)][-1]


def queries_of(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)
