"""Every URL of mandates has its access checks: a wrong method gets 405, an anonymous visitor
is sent to log in, an outsider (or a member of another committee) gets 404, a member who is not
the committee's delegate gets 403 on writing the delegates' report. Nothing refused is written."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rankfile.audit.models import AuditEvent
from rankfile.mandates.models import Mandate, ReportBack
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
from tests.factories import chair_of, logged_in, make_committee, make_person
from tests.mandates.helpers import close_parent_meeting_after_a_vote

WRITTEN = (Motion, Mandate, ReportBack, AuditEvent)


def committee_of(world: SimpleNamespace) -> dict[str, object]:
    return {"slug": world.slug}


def report_of(world: SimpleNamespace) -> dict[str, object]:
    return {"slug": world.slug, "report_id": world.report}


PAGES = [
    Page("mandates:coming_up", GET, committee_of),
    Page("mandates:propose", POST, committee_of),
    Page("mandates:report_back", GET, report_of),
]
DELEGATE_ONLY = [Page("mandates:report_back", POST, report_of, forbidden_to="member")]


@pytest.fixture
def world(committee, coordinating, delegate, member, outsider) -> SimpleNamespace:
    close_parent_meeting_after_a_vote(committee, coordinating, delegate, member)
    other = make_committee(by=make_person("other-chair"), name="Elsewhere")
    return SimpleNamespace(
        slug=committee.slug,
        report=ReportBack.objects.get(committee=committee).pk,
        chair=chair_of(committee),
        member=member,
        outsider=outsider,
        other=chair_of(other),
    )


def test_it_lists_every_url_of_mandates_in_an_access_table() -> None:
    assert url_names("mandates") == {page.name for page in PAGES}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_it_refuses_a_method_the_view_does_not_take(client, world, page) -> None:
    if page.name == "mandates:report_back":
        page = Page(page.name, GET | POST, page.kwargs)
    assert_refuses_other_methods(page, world, logged_in(client, world.chair), written=WRITTEN)


@pytest.mark.parametrize(("page", "method"), requests_of(PAGES + DELEGATE_ONLY), ids=str)
def test_it_sends_an_anonymous_visitor_to_log_in(client, world, page, method) -> None:
    assert_asks_to_log_in(page, method, world, client, written=WRITTEN)


@pytest.mark.parametrize(("page", "method"), requests_of(PAGES + DELEGATE_ONLY), ids=str)
def test_it_hides_the_committee_from_an_outsider(client, world, page, method) -> None:
    assert_answers(404, page, method, world, client, person=world.outsider, written=WRITTEN)


@pytest.mark.parametrize(("page", "method"), requests_of(PAGES + DELEGATE_ONLY), ids=str)
def test_it_hides_the_committee_from_a_member_of_another(client, world, page, method) -> None:
    assert_answers(404, page, method, world, client, person=world.other, written=WRITTEN)


@pytest.mark.parametrize(("page", "method"), requests_of(DELEGATE_ONLY), ids=str)
def test_it_keeps_the_report_to_the_delegates(client, world, page, method) -> None:
    assert_answers(403, page, method, world, client, person=world.member, written=WRITTEN)
