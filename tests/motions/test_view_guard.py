"""Every URL of motions has its access checks: the motion pages in tests/motions/
test_view_access.py, and here the resolutions forwarded to a committee above (a wrong method
gets 405, an anonymous visitor is sent to log in, an outsider gets 404, a member who officers
no committee under it gets 403 on endorsing). Nothing refused is written."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rankfile.audit.models import AuditEvent
from rankfile.motions import services
from rankfile.motions.models import Forwarding, ResolutionEndorsement
from tests.access import (
    GET,
    POST,
    Page,
    assert_answers,
    assert_asks_to_log_in,
    assert_refuses_other_methods,
    requests_of,
    url_names,
)
from tests.factories import logged_in, make_members
from tests.meetings.helpers import check_in
from tests.motions.helpers import make_motion_on_agenda, vote_and_close
from tests.motions.test_view_access import MOTION_VIEWS

WRITTEN = (Forwarding, ResolutionEndorsement, AuditEvent)
COMMITTEE_PAGES = {"motions:list", "motions:create"}  # checked in test_view_access.py


def forwarded(world: SimpleNamespace) -> dict[str, object]:
    return {"slug": world.slug, "motion_id": world.resolution}


PAGES = [
    Page("motions:forwarded", GET, forwarded),
    Page("motions:endorse", POST, forwarded, forbidden_to="member"),
]


@pytest.fixture
def world(committee, coordinating, open_meeting, chair, member, outsider) -> SimpleNamespace:
    people = [m.person for m in make_members(committee, 3)]
    check_in(open_meeting, *people)
    motion = make_motion_on_agenda(committee, open_meeting)
    services.motion_put_to_vote(motion=motion, by=chair)
    resolution = vote_and_close(motion, yes=people)
    services.resolution_forward(motion=resolution, parent=coordinating, by=chair)
    return SimpleNamespace(
        slug=coordinating.slug,
        resolution=resolution.pk,
        chair=chair,
        member=member,
        outsider=outsider,
    )


def test_it_lists_every_url_of_motions_in_an_access_table() -> None:
    listed = {name for name, _method, _who in MOTION_VIEWS} | COMMITTEE_PAGES
    assert url_names("motions") == listed | {page.name for page in PAGES}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_it_refuses_a_method_the_view_does_not_take(client, world, page) -> None:
    assert_refuses_other_methods(page, world, logged_in(client, world.chair), written=WRITTEN)


@pytest.mark.parametrize(("page", "method"), requests_of(PAGES), ids=str)
def test_it_sends_an_anonymous_visitor_to_log_in(client, world, page, method) -> None:
    assert_asks_to_log_in(page, method, world, client, written=WRITTEN)


@pytest.mark.parametrize(("page", "method"), requests_of(PAGES), ids=str)
def test_it_hides_a_forwarded_resolution_from_an_outsider(client, world, page, method) -> None:
    assert_answers(404, page, method, world, client, person=world.outsider, written=WRITTEN)


@pytest.mark.parametrize(
    ("page", "method"), requests_of([page for page in PAGES if page.forbidden_to]), ids=str
)
def test_it_forbids_endorsing_to_a_member_who_officers_no_committee(
    client, world, page, method
) -> None:
    person = getattr(world, page.forbidden_to)
    assert_answers(403, page, method, world, client, person=person, written=WRITTEN)
