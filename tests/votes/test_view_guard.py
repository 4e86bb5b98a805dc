"""Every URL of votes: a wrong method gets 405, an anonymous visitor is sent to log in, an
outsider gets 404 on every poll, and a member without the role gets 403 (officers create, open
and close; electors cast; the nominee answers a nomination). Nothing refused is written."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rankfile.audit.models import AuditEvent
from rankfile.votes import services
from rankfile.votes.models import Ballot, Nomination, Poll, VoteCast
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
from tests.factories import logged_in, make_member
from tests.votes.helpers import close_poll, make_election, make_open_poll

WRITTEN = (Poll, Ballot, VoteCast, Nomination, AuditEvent)


def committee_of(world: SimpleNamespace) -> dict[str, str]:
    return {"slug": world.slug}


def open_poll_of(world: SimpleNamespace) -> dict[str, int]:
    return {"poll_id": world.open_poll}


def closed_poll_of(world: SimpleNamespace) -> dict[str, int]:
    return {"poll_id": world.closed_poll}


def election_of(world: SimpleNamespace) -> dict[str, int]:
    return {"poll_id": world.election}


def nomination_of(world: SimpleNamespace) -> dict[str, int]:
    return {"poll_id": world.election, "nomination_id": world.nomination}


PAGES = [
    Page("votes:list", GET, committee_of),
    Page("votes:create", BOTH, committee_of, forbidden_to="member"),
    Page("votes:detail", GET, open_poll_of),
    Page("votes:section", GET, open_poll_of),
    Page("votes:results", GET, closed_poll_of),
    Page("votes:board", GET, closed_poll_of),
    Page("votes:check", BOTH, closed_poll_of),
    Page("votes:open", POST, open_poll_of, forbidden_to="member"),
    Page("votes:close", POST, open_poll_of, forbidden_to="member"),
    Page("votes:cast", POST, open_poll_of, forbidden_to="late"),
    Page("votes:replace", BOTH, open_poll_of),
    Page("votes:nominate", POST, election_of),
    Page("votes:nomination_accept", POST, nomination_of, forbidden_to="member"),
    Page("votes:nomination_withdraw", POST, nomination_of, forbidden_to="member"),
]


@pytest.fixture
def world(committee, chair, member, delegate, outsider) -> SimpleNamespace:
    open_poll = make_open_poll(committee)
    closed_poll = close_poll(make_open_poll(committee, title="Walk out on Friday"))
    election = make_election(committee, [])
    nomination = services.nomination_create(poll=election, person=delegate, by=chair)
    return SimpleNamespace(
        slug=committee.slug,
        open_poll=open_poll.pk,
        closed_poll=closed_poll.pk,
        election=election.pk,
        nomination=nomination.pk,
        chair=chair,
        member=member,
        late=make_member(committee, handle="late").person,  # joined after the poll opened
        outsider=outsider,
    )


def test_it_lists_every_url_of_votes_here() -> None:
    assert url_names("votes") == {page.name for page in PAGES}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_it_refuses_a_method_the_view_does_not_take(client, world, page) -> None:
    assert_refuses_other_methods(page, world, logged_in(client, world.chair), written=WRITTEN)


@pytest.mark.parametrize(("page", "method"), requests_of(PAGES), ids=str)
def test_it_sends_an_anonymous_visitor_to_log_in(client, world, page, method) -> None:
    assert_asks_to_log_in(page, method, world, client, written=WRITTEN)


@pytest.mark.parametrize(("page", "method"), requests_of(PAGES), ids=str)
def test_it_hides_every_poll_from_an_outsider(client, world, page, method) -> None:
    assert_answers(404, page, method, world, client, person=world.outsider, written=WRITTEN)


@pytest.mark.parametrize(
    ("page", "method"), requests_of([page for page in PAGES if page.forbidden_to]), ids=str
)
def test_it_forbids_an_action_to_a_member_without_the_role(client, world, page, method) -> None:
    person = getattr(world, page.forbidden_to)
    assert_answers(403, page, method, world, client, person=person, written=WRITTEN)
