"""Every view of committees and accounts: anonymous visitors are sent to log in, a wrong method
gets 405, an outsider gets 404 on a committee's pages (not even learning that it exists), and a
member without the needed role gets 403. Each view's own file tests what it does."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, reverse

from rankfile.accounts.models import Person
from rankfile.audit.models import AuditEvent
from rankfile.committees import services
from rankfile.committees.models import (
    Affiliation,
    Committee,
    DelegateSeat,
    Invitation,
    Membership,
    MembershipStatus,
    Role,
)
from rankfile.core.crypto import token_digest
from tests.factories import (
    count_rows,
    logged_in,
    make_committee,
    make_invitation,
    make_member,
    make_person,
    make_seat,
    request_affiliation,
)

ALL_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
WRITTEN = (AuditEvent, Membership, Role, DelegateSeat, Invitation, Affiliation, Committee, Person)


@dataclasses.dataclass(frozen=True)
class View:
    name: str
    methods: frozenset[str]
    who: str  # anyone, login, member, officer, chair
    on: str = ""  # whose slug: "base" (the persona committee) or "parent" (the coordinating one)
    ids: tuple[str, ...] = ()  # further URL arguments, taken from the `world` fixture

    def __str__(self) -> str:
        return self.name


GET, POST, BOTH = frozenset({"GET"}), frozenset({"POST"}), frozenset({"GET", "POST"})

VIEWS = [
    View("committees:home", GET, "anyone"),
    View("committees:mine", GET, "login"),
    View("committees:found", BOTH, "login"),
    View("committees:join", BOTH, "anyone", ids=("token",)),
    View("committees:detail", GET, "member", "base"),
    View("committees:audit", GET, "member", "base"),
    View("committees:federation", GET, "member", "base"),
    View("committees:edit", BOTH, "officer", "base"),
    View("committees:bylaws", BOTH, "member", "base"),
    View("committees:invitations", BOTH, "officer", "base"),
    View("committees:invitation_revoke", POST, "officer", "base", ("invitation_id",)),
    View("committees:vouch", POST, "member", "base", ("membership_id",)),
    View("committees:approve", POST, "officer", "base", ("membership_id",)),
    View("committees:suspend", BOTH, "officer", "base", ("membership_id",)),
    View("committees:reinstate", POST, "officer", "base", ("membership_id",)),
    View("committees:leave", BOTH, "member", "base"),
    View("committees:contact_sharing", POST, "member", "base"),
    View("committees:role_assign", POST, "chair", "base"),
    View("committees:role_end", BOTH, "member", "base", ("role_id",)),
    View("committees:seat_assign", POST, "officer", "base"),
    View("committees:seat_end", BOTH, "member", "base", ("seat_id",)),
    View("committees:affiliation_request", BOTH, "officer", "base"),
    View("committees:affiliation_accept", POST, "officer", "parent", ("affiliation_id",)),
    View("committees:affiliation_refuse", POST, "officer", "parent", ("affiliation_id",)),
    View("committees:affiliation_end", POST, "officer", "base", ("accepted_id",)),
    View("accounts:login", BOTH, "anyone"),
    View("accounts:logout", POST, "anyone"),
    View("accounts:signup", BOTH, "anyone"),
    View("accounts:settings", BOTH, "login"),
    View("accounts:password", BOTH, "login"),
    View("accounts:delete", BOTH, "login"),
    View("accounts:export", GET, "login"),
    View("accounts:notifications", BOTH, "login"),
]
ARGUMENT_NAMES = {"accepted_id": "affiliation_id"}


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker) -> Iterator[SimpleNamespace]:
    """Built once for the module's hundred requests, rolled back at its end. Each test runs in
    its own savepoint inside, so nothing one test writes reaches the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        coordinating = make_committee("coordinating", name="Twin Cities Transit Workers")
        chair = make_person("chair")
        committee = make_committee(by=chair, name="Heywood Bus Garage", parent=coordinating)
        member = make_member(committee, handle="member").person
        delegate = make_member(committee, handle="delegate").person
        seat = make_seat(committee, coordinating, delegate)
        applicant = make_member(committee, status=MembershipStatus.APPLIED)
        secretary = make_member(committee, handle="secretary").person
        role = services.role_assign(
            committee=committee, person=secretary, kind="secretary", by=chair
        )
        token = make_invitation(committee)
        yield SimpleNamespace(
            slugs={"base": committee.slug, "parent": coordinating.slug},
            chair=chair,
            member=member,
            delegate=delegate,
            secretary=secretary,
            outsider=make_person("outsider"),
            token=token,
            invitation_id=Invitation.objects.get(digest=token_digest(token)).pk,
            membership_id=applicant.pk,
            role_id=role.pk,
            seat_id=seat.pk,
            affiliation_id=request_affiliation(make_committee(name="Depot"), coordinating).pk,
            accepted_id=Affiliation.objects.get(child=committee, parent=coordinating).pk,
        )
        transaction.set_rollback(True)


@pytest.fixture
def world(shared_world: SimpleNamespace, db: None) -> SimpleNamespace:
    return shared_world


def url_of(view: View, world: SimpleNamespace) -> str:
    kwargs = {ARGUMENT_NAMES.get(name, name): getattr(world, name) for name in view.ids}
    if view.on:
        kwargs["slug"] = world.slugs[view.on]
    return reverse(view.name, kwargs=kwargs)


def send(client: Client, method: str, url: str):
    return getattr(client, method.lower())(url)


def requests_of(views: list[View]) -> list[tuple[View, str]]:
    return [(view, method) for view in views for method in sorted(view.methods)]


def test_it_lists_every_url_of_committees_and_accounts_here():
    resolver = get_resolver()
    names = {
        f"{namespace}:{name}"
        for namespace in ("committees", "accounts")
        for name in resolver.namespace_dict[namespace][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == {view.name for view in VIEWS}


@pytest.mark.parametrize(
    ("view", "method"), requests_of([v for v in VIEWS if v.who != "anyone"]), ids=str
)
def test_it_sends_an_anonymous_visitor_to_log_in(client, world, view, method):
    before = count_rows(*WRITTEN)
    url = url_of(view, world)
    response = send(client, method, url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    assert count_rows(*WRITTEN) == before


@pytest.mark.parametrize("view", VIEWS, ids=str)
def test_it_refuses_a_method_the_view_does_not_take(client, world, view):
    logged_in(client, world.chair)
    before = count_rows(*WRITTEN)
    for method in sorted(ALL_METHODS - view.methods):
        assert send(client, method, url_of(view, world)).status_code == 405, method
    assert count_rows(*WRITTEN) == before


@pytest.mark.parametrize(("view", "method"), requests_of([v for v in VIEWS if v.on]), ids=str)
def test_it_hides_a_committee_page_from_an_outsider(client, world, view, method):
    logged_in(client, world.outsider)
    before = count_rows(*WRITTEN)
    assert send(client, method, url_of(view, world)).status_code == 404
    assert count_rows(*WRITTEN) == before


@pytest.mark.parametrize(
    ("view", "method"),
    requests_of([v for v in VIEWS if v.who in ("officer", "chair")]),
    ids=str,
)
def test_it_forbids_an_officer_page_to_a_member_without_a_role(client, world, view, method):
    logged_in(client, world.member if view.on == "base" else world.delegate)
    before = count_rows(*WRITTEN)
    assert send(client, method, url_of(view, world)).status_code == 403
    assert count_rows(*WRITTEN) == before


@pytest.mark.parametrize(
    ("view", "method"), requests_of([v for v in VIEWS if v.who == "chair"]), ids=str
)
def test_it_forbids_a_chair_page_to_a_secretary(client, world, view, method):
    logged_in(client, world.secretary)
    before = count_rows(*WRITTEN)
    assert send(client, method, url_of(view, world)).status_code == 403
    assert count_rows(*WRITTEN) == before
