"""Every URL of recalls: a wrong method gets 405, an anonymous visitor is sent to log in, an
outsider gets 404, and a member other than the holder gets 403 when answering. Nothing refused
is written."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rankfile.audit.models import AuditEvent
from rankfile.recalls.models import RecallPetition, RecallSignature
from rankfile.votes.models import Poll
from tests.access import (
    BOTH,
    GET,
    POST,
    Page,
    assert_answers,
    assert_asks_to_log_in,
    assert_refuses_other_methods,
    requests_of,
    url_names,
)
from tests.factories import logged_in, make_member, set_bylaws
from tests.recalls.helpers import open_petition

WRITTEN = (RecallPetition, RecallSignature, Poll, AuditEvent)


def committee_of(world: SimpleNamespace) -> dict[str, object]:
    return {"slug": world.slug}


def petition_of(world: SimpleNamespace) -> dict[str, object]:
    return {"slug": world.slug, "petition_id": world.petition}


PAGES = [
    Page("recalls:list", BOTH, committee_of),
    Page("recalls:detail", GET, petition_of),
    Page("recalls:sign", POST, petition_of),
    Page("recalls:withdraw", POST, petition_of),
    Page("recalls:statement", POST, petition_of, forbidden_to="member"),
]


@pytest.fixture
def world(committee, chair, member, delegate, outsider) -> SimpleNamespace:
    set_bylaws(committee, recall_petition_percent=100)
    signer = make_member(committee, handle="signer").person
    petition = open_petition(committee, signer, delegate)
    return SimpleNamespace(
        slug=committee.slug, petition=petition.pk, chair=chair, member=member, outsider=outsider
    )


def test_it_lists_every_url_of_recalls_here() -> None:
    assert url_names("recalls") == {page.name for page in PAGES}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_it_refuses_a_method_the_view_does_not_take(client, world, page) -> None:
    assert_refuses_other_methods(page, world, logged_in(client, world.chair), written=WRITTEN)


@pytest.mark.parametrize(("page", "method"), requests_of(PAGES), ids=str)
def test_it_sends_an_anonymous_visitor_to_log_in(client, world, page, method) -> None:
    assert_asks_to_log_in(page, method, world, client, written=WRITTEN)


@pytest.mark.parametrize(("page", "method"), requests_of(PAGES), ids=str)
def test_it_hides_every_petition_from_an_outsider(client, world, page, method) -> None:
    assert_answers(404, page, method, world, client, person=world.outsider, written=WRITTEN)


@pytest.mark.parametrize(
    ("page", "method"), requests_of([page for page in PAGES if page.forbidden_to]), ids=str
)
def test_it_forbids_an_answer_to_a_member_who_is_not_the_holder(
    client, world, page, method
) -> None:
    person = getattr(world, page.forbidden_to)
    assert_answers(403, page, method, world, client, person=person, written=WRITTEN)
