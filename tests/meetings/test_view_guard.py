"""Every URL of meetings has its access checks: the meeting and committee pages in
tests/meetings/test_view_access.py, and here a petition's signing and the minutes (a wrong
method gets 405, an anonymous visitor is sent to log in, an outsider gets 404, a member without
an officer role gets 403 on approving minutes). Nothing refused is written."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rankfile.audit.models import AuditEvent
from rankfile.meetings import services
from rankfile.meetings.models import Minutes, PetitionSignature
from rankfile.motions.models import Motion
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
from tests.factories import logged_in, set_bylaws
from tests.meetings.helpers import make_closed_meeting
from tests.meetings.test_view_access import COMMITTEE_VIEWS, MEETING_VIEWS

WRITTEN = (Minutes, PetitionSignature, AuditEvent, Motion)


def petition_of(world: SimpleNamespace) -> dict[str, object]:
    return {"petition_id": world.petition}


def closed_meeting_of(world: SimpleNamespace) -> dict[str, object]:
    return {"meeting_id": world.closed_meeting}


def minutes_in_open_meeting(world: SimpleNamespace) -> dict[str, object]:
    return {"meeting_id": world.open_meeting, "minutes_id": world.minutes}


PAGES = [
    Page("meetings:petition_sign", POST, petition_of),
    Page("meetings:minutes", GET, closed_meeting_of),
    Page("meetings:minutes_propose", POST, closed_meeting_of),
    Page("meetings:minutes_approve", POST, minutes_in_open_meeting, forbidden_to="member"),
]


@pytest.fixture
def world(committee, open_meeting, chair, member, outsider) -> SimpleNamespace:
    set_bylaws(committee, emergency_petition_percent=100)
    petition = services.meeting_petition_open(committee=committee, by=member, reason="Heat")
    closed = make_closed_meeting(committee)
    minutes = services.minutes_generate(meeting=closed, by=chair)
    return SimpleNamespace(
        petition=petition.pk,
        closed_meeting=closed.pk,
        open_meeting=open_meeting.pk,
        minutes=minutes.pk,
        chair=chair,
        member=member,
        outsider=outsider,
    )


def test_it_lists_every_url_of_meetings_in_an_access_table() -> None:
    listed = {view[0] for view in MEETING_VIEWS} | {view[0] for view in COMMITTEE_VIEWS}
    assert url_names("meetings") == listed | {page.name for page in PAGES}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_it_refuses_a_method_the_view_does_not_take(client, world, page) -> None:
    assert_refuses_other_methods(page, world, logged_in(client, world.chair), written=WRITTEN)


@pytest.mark.parametrize(("page", "method"), requests_of(PAGES), ids=str)
def test_it_sends_an_anonymous_visitor_to_log_in(client, world, page, method) -> None:
    assert_asks_to_log_in(page, method, world, client, written=WRITTEN)


@pytest.mark.parametrize(("page", "method"), requests_of(PAGES), ids=str)
def test_it_hides_petitions_and_minutes_from_an_outsider(client, world, page, method) -> None:
    assert_answers(404, page, method, world, client, person=world.outsider, written=WRITTEN)


@pytest.mark.parametrize(
    ("page", "method"), requests_of([page for page in PAGES if page.forbidden_to]), ids=str
)
def test_it_keeps_approving_minutes_to_officers(client, world, page, method) -> None:
    person = getattr(world, page.forbidden_to)
    assert_answers(403, page, method, world, client, person=person, written=WRITTEN)
