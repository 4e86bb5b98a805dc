"""Every motion page and action: login required, wrong method 405, outsider 404, a draft 404
to everyone but its proposer, member without the role 403."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import chair_of, logged_in
from tests.motions.helpers import make_motion

GET, POST, FORM = "get", "post", "form"  # FORM: GET shows the form, POST submits it
OTHER = {GET: POST, POST: GET, FORM: "put"}

MOTION_VIEWS = [
    ("motions:detail", GET, "member"),
    ("motions:second", POST, "member"),
    ("motions:amend", FORM, "member"),
    ("motions:comment", POST, "member"),
    ("motions:edit", FORM, "proposer"),
    ("motions:submit", POST, "proposer"),
    ("motions:withdraw", POST, "proposer"),
    ("motions:agenda", POST, "officer"),
    ("motions:vote", POST, "officer"),
    ("motions:poll", POST, "officer"),
    ("motions:forward", POST, "officer"),
]


def ask(client, method, url):
    return getattr(client, GET if method == FORM else method)(url)


@pytest.fixture
def motion(committee, delegate):
    """A submitted motion moved by `delegate` (a member without an officer role)."""
    return make_motion(committee, by=delegate)


def url(name, motion) -> str:
    return reverse(name, args=[motion.pk])


@pytest.mark.parametrize(("name", "method", "who"), MOTION_VIEWS)
def test_it_answers_only_its_method(name, method, who, chair_client, motion):
    assert getattr(chair_client, OTHER[method])(url(name, motion)).status_code == 405


@pytest.mark.parametrize(("name", "method", "who"), MOTION_VIEWS)
def test_it_hides_the_motion_from_outsiders(name, method, who, outsider_client, motion):
    assert ask(outsider_client, method, url(name, motion)).status_code == 404


@pytest.mark.parametrize(("name", "method", "who"), MOTION_VIEWS)
def test_it_hides_the_motion_from_another_committee(
    name, method, who, client, motion, coordinating
):
    other = logged_in(client, chair_of(coordinating))
    assert ask(other, method, url(name, motion)).status_code == 404


@pytest.mark.parametrize(("name", "method", "who"), MOTION_VIEWS)
def test_it_hides_a_draft_from_everyone_but_its_proposer(
    name, method, who, chair_client, committee, delegate
):
    draft = make_motion(committee, by=delegate, submitted=False)
    assert ask(chair_client, method, url(name, draft)).status_code == 404


@pytest.mark.parametrize(
    ("name", "method", "who"), [view for view in MOTION_VIEWS if view[2] != "member"]
)
def test_it_keeps_role_actions_to_the_role(name, method, who, member_client, motion):
    assert ask(member_client, method, url(name, motion)).status_code == 403


@pytest.mark.parametrize(("name", "method", "who"), MOTION_VIEWS)
def test_it_asks_to_log_in(name, method, who, client, motion):
    response = ask(client, method, url(name, motion))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "method"), [("motions:list", GET), ("motions:create", FORM)])
def test_it_guards_the_committee_pages(name, method, client, committee, member, outsider):
    page = reverse(name, args=[committee.slug])
    assert ask(logged_in(client, outsider), method, page).status_code == 404
    assert getattr(logged_in(client, member), OTHER[method])(page).status_code == 405
    assert ask(logged_in(client, member), method, page).status_code == 200
