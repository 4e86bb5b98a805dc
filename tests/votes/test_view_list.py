"""The committee's votes."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import page_text, queries_of
from tests.votes.helpers import cast, close_poll, make_open_poll, make_poll


def url(committee) -> str:
    return reverse("votes:list", args=[committee.slug])


def test_it_lists_open_polls_first_with_their_turnout(member_client, committee, member, chair):
    closed = make_open_poll(committee, title="Old question")
    close_poll(closed)
    make_poll(committee, title="Not yet")
    poll = make_open_poll(committee, title="Strike on Monday")
    cast(poll, member, "yes")
    text = page_text(member_client.get(url(committee)))
    assert text.index("Strike on Monday") < text.index("Not yet") < text.index("Old question")
    assert "1 of 2 have voted" in text
    assert "Prepare a vote" not in text


def test_it_offers_officers_to_prepare_a_vote(chair_client, committee):
    assert "Prepare a vote" in page_text(chair_client.get(url(committee)))


def test_it_answers_in_a_fixed_number_of_queries(member_client, committee, member):
    make_open_poll(committee, title="One")
    few = queries_of(member_client, url(committee))
    for n in range(4):
        make_open_poll(committee, title=f"More {n}")
    assert queries_of(member_client, url(committee)) == few


def test_it_hides_the_list_from_an_outsider(outsider_client, committee):
    assert outsider_client.get(url(committee)).status_code == 404


def test_it_refuses_post(member_client, committee):
    assert member_client.post(url(committee)).status_code == 405
