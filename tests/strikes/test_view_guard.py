"""Every URL of strikes: a wrong method gets 405, an anonymous visitor is sent to log in, an
outsider gets 404 on every campaign (the list shows them none), and a member without the role
gets 403 (officers start, endorse and report; only members of a covered workplace pledge).
Nothing refused is written."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse

from rankfile.audit.models import AuditEvent
from rankfile.strikes.models import Campaign, Endorsement, Pledge, PledgeCount, StrikeReport
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
from tests.factories import logged_in

WRITTEN = (Campaign, Pledge, PledgeCount, Endorsement, StrikeReport, AuditEvent)


def nothing(world: SimpleNamespace) -> dict[str, object]:
    return {}


def committee_of(world: SimpleNamespace) -> dict[str, object]:
    return {"slug": world.slug}


def campaign_of(world: SimpleNamespace) -> dict[str, object]:
    return {"campaign_id": world.campaign}


def campaign_in(world: SimpleNamespace) -> dict[str, object]:
    return {"campaign_id": world.campaign, "slug": world.slug}


PAGES = [
    Page("strikes:list", GET, nothing, hidden=False),
    Page("strikes:start", BOTH, committee_of, forbidden_to="member"),
    Page("strikes:detail", GET, campaign_of),
    Page("strikes:detail_in", GET, campaign_in),
    Page("strikes:strong", GET, campaign_of),
    Page("strikes:strong_in", GET, campaign_in),
    Page("strikes:figures", GET, campaign_of),
    Page("strikes:figures_in", GET, campaign_in),
    Page("strikes:pledge", POST, campaign_of, forbidden_to="coordinator"),
    Page("strikes:withdraw", POST, campaign_of),
    Page("strikes:endorse", POST, campaign_of, forbidden_to="member"),
    Page("strikes:report", BOTH, campaign_in, forbidden_to="member"),
]


@pytest.fixture
def world(campaign, committee, chair, member, outsider, coordinator) -> SimpleNamespace:
    return SimpleNamespace(
        campaign=campaign.pk,
        slug=committee.slug,
        chair=chair,
        member=member,
        coordinator=coordinator,  # in the coordinating committee, in no workplace it covers
        outsider=outsider,
    )


def test_it_lists_every_url_of_strikes_here() -> None:
    assert url_names("strikes") == {page.name for page in PAGES}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_it_refuses_a_method_the_view_does_not_take(client, world, page) -> None:
    assert_refuses_other_methods(page, world, logged_in(client, world.chair), written=WRITTEN)


@pytest.mark.parametrize(("page", "method"), requests_of(PAGES), ids=str)
def test_it_sends_an_anonymous_visitor_to_log_in(client, world, page, method) -> None:
    assert_asks_to_log_in(page, method, world, client, written=WRITTEN)


@pytest.mark.parametrize(
    ("page", "method"), requests_of([page for page in PAGES if page.hidden]), ids=str
)
def test_it_hides_every_campaign_from_an_outsider(client, world, page, method) -> None:
    assert_answers(404, page, method, world, client, person=world.outsider, written=WRITTEN)


@pytest.mark.parametrize(
    ("page", "method"), requests_of([page for page in PAGES if page.forbidden_to]), ids=str
)
def test_it_forbids_an_action_to_a_member_without_the_role(client, world, page, method) -> None:
    person = getattr(world, page.forbidden_to)
    assert_answers(403, page, method, world, client, person=person, written=WRITTEN)


def test_it_shows_an_outsider_a_list_without_the_campaign(client, world) -> None:
    title = Campaign.objects.get(pk=world.campaign).title
    assert title in logged_in(client, world.member).get(reverse("strikes:list")).content.decode()
    response = logged_in(client, world.outsider).get(reverse("strikes:list"))
    assert response.status_code == 200
    assert title not in response.content.decode()
