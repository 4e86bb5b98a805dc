"""Every meeting page and action: login required, wrong method 405, outsider 404 (they must
not learn the meeting exists), member without an officer role 403 where officers act."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rankfile.meetings.models import Meeting
from rankfile.meetings.services import meeting_petition_open
from tests.factories import logged_in, set_bylaws

GET, POST, FORM = "get", "post", "form"  # FORM: GET shows the form, POST submits it

# (url name, arguments, the method it answers, who may use it)
MEETING_VIEWS = [
    ("meetings:detail", ["meeting"], GET, "member"),
    ("meetings:live", ["meeting", "quorum"], GET, "member"),
    ("meetings:check_in", ["meeting"], FORM, "member"),
    ("meetings:leave", ["meeting"], POST, "member"),
    ("meetings:raise", ["meeting"], POST, "member"),
    ("meetings:lower", ["meeting"], POST, "member"),
    ("meetings:room", ["meeting"], GET, "officer"),
    ("meetings:attendance", ["meeting"], GET, "officer"),
    ("meetings:details", ["meeting"], FORM, "officer"),
    ("meetings:notes", ["meeting"], FORM, "officer"),
    ("meetings:start", ["meeting"], POST, "officer"),
    ("meetings:close", ["meeting"], POST, "officer"),
    ("meetings:code_renew", ["meeting"], POST, "officer"),
    ("meetings:agenda_add", ["meeting"], POST, "officer"),
    ("meetings:agenda_move", ["meeting", "item"], POST, "officer"),
    ("meetings:agenda_remove", ["meeting", "item"], POST, "officer"),
    ("meetings:tick", ["meeting", "member"], POST, "officer"),
    ("meetings:untick", ["meeting", "member"], POST, "officer"),
    ("meetings:next", ["meeting"], POST, "officer"),
    ("meetings:minutes_generate", ["meeting"], POST, "officer"),
    ("meetings:minutes_publish", ["meeting"], POST, "officer"),
]
COMMITTEE_VIEWS = [
    ("meetings:list", GET, "member"),
    ("meetings:call", FORM, "officer"),
    ("meetings:petition_open", POST, "member"),
]
OTHER = {GET: POST, POST: GET, FORM: "put"}


def ask(client, method, url):
    return getattr(client, GET if method == FORM else method)(url)


def meeting_url(name, args, meeting: Meeting, member) -> str:
    values = {
        "meeting": meeting.pk,
        "item": meeting.agenda_items.first().pk,
        "member": member.pk,
        "quorum": "quorum",
    }
    return reverse(name, args=[values[arg] for arg in args])


@pytest.mark.parametrize(("name", "args", "method", "who"), MEETING_VIEWS)
def test_it_answers_only_its_method(name, args, method, who, chair_client, meeting, member):
    response = getattr(chair_client, OTHER[method])(meeting_url(name, args, meeting, member))
    assert response.status_code == 405


@pytest.mark.parametrize(("name", "args", "method", "who"), MEETING_VIEWS)
def test_it_hides_the_meeting_from_outsiders(
    name, args, method, who, outsider_client, meeting, member
):
    response = ask(outsider_client, method, meeting_url(name, args, meeting, member))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "args", "method", "who"), MEETING_VIEWS)
def test_it_hides_the_meeting_from_members_of_other_committees(
    name, args, method, who, client, meeting, member, coordinating
):
    from tests.factories import chair_of

    response = ask(
        logged_in(client, chair_of(coordinating)), method, meeting_url(name, args, meeting, member)
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "args", "method", "who"), [view for view in MEETING_VIEWS if view[3] == "officer"]
)
def test_it_keeps_officer_actions_to_officers(
    name, args, method, who, member_client, meeting, member
):
    response = ask(member_client, method, meeting_url(name, args, meeting, member))
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "args", "method", "who"), MEETING_VIEWS)
def test_it_asks_to_log_in(name, args, method, who, client, meeting, member):
    response = ask(client, method, meeting_url(name, args, meeting, member))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "method", "who"), COMMITTEE_VIEWS)
def test_it_guards_the_committee_pages(name, method, who, client, committee, member, outsider):
    url = reverse(name, args=[committee.slug])
    assert ask(logged_in(client, outsider), method, url).status_code == 404
    response = getattr(logged_in(client, member), OTHER[method])(url)
    assert response.status_code == 405
    if who == "officer":
        assert ask(logged_in(client, member), method, url).status_code == 403


def test_it_hides_a_petition_from_outsiders(committee, member, outsider_client):
    set_bylaws(committee, emergency_petition_percent=100)
    petition = meeting_petition_open(committee=committee, by=member, reason="Heat")
    url = reverse("meetings:petition_sign", args=[petition.pk])
    assert outsider_client.post(url).status_code == 404
    assert outsider_client.get(url).status_code == 405


def test_it_hides_minutes_from_outsiders(committee, outsider_client):
    from tests.meetings.helpers import make_closed_meeting

    closed = make_closed_meeting(committee)
    assert outsider_client.get(reverse("meetings:minutes", args=[closed.pk])).status_code == 404


def test_it_answers_404_for_a_meeting_that_does_not_exist(chair_client):
    assert chair_client.get(reverse("meetings:detail", args=[999999])).status_code == 404
