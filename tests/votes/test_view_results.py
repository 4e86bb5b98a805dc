"""The result page, the round-by-round table, the roll call and the board download."""

from __future__ import annotations

import json

from django.urls import reverse

from rankfile.tally import board_verify
from rankfile.tally.board import parse_board
from tests.factories import make_member, page_text, set_bylaws
from tests.votes.helpers import cast, close_poll, make_election, make_open_poll, open_poll


def url(poll) -> str:
    return reverse("votes:results", args=[poll.pk])


def board_url(poll) -> str:
    return reverse("votes:board", args=[poll.pk])


def test_it_shows_the_rounds_of_an_irv_count_in_a_table(member_client, committee, member, chair):
    ana, bo = (make_member(committee, handle=h).person for h in ("ana", "bo"))
    poll = open_poll(make_election(committee, [ana, bo, member], method="irv"))
    for person, ranking in [
        (ana, ["o1"]),
        (bo, ["o2", "o1"]),
        (member, ["o3", "o2"]),
        (chair, ["o1"]),
    ]:
        cast(poll, person, ranking)
    close_poll(poll)
    response = member_client.get(url(poll))
    html = response.content.decode()
    text = page_text(response)
    assert "Elected: ana (IRV)" in text
    assert '<th scope="col" class="num">Round 2</th>' in html
    assert "ana elected" in text
    assert "Download the board" in text


def test_it_publishes_the_names_of_a_roll_call_vote(member_client, committee, member, chair):
    poll = make_open_poll(committee, is_secret=False)
    cast(poll, member, "no")
    cast(poll, chair, "yes")
    close_poll(poll)
    text = page_text(member_client.get(url(poll)))
    assert "Roll call" in text
    assert "chair Yes" in text and "member No" in text


def test_it_publishes_no_names_for_a_secret_vote(member_client, open_motion, member):
    cast(open_motion, member, "no")
    close_poll(open_motion)
    text = page_text(member_client.get(url(open_motion)))
    assert "Roll call" not in text


def test_it_says_the_result_comes_at_the_close(member_client, open_motion):
    response = member_client.get(url(open_motion))
    assert response.status_code == 409
    assert "published when the vote closes" in page_text(response)


def test_it_hides_the_result_from_an_outsider(outsider_client, open_motion):
    close_poll(open_motion)
    assert outsider_client.get(url(open_motion)).status_code == 404


def test_it_refuses_post_on_the_result(member_client, open_motion):
    assert member_client.post(url(open_motion)).status_code == 405


def test_it_serves_a_board_that_verifies(member_client, open_motion, member, chair):
    cast(open_motion, member, "yes")
    cast(open_motion, chair, "no")
    close_poll(open_motion)
    response = member_client.get(board_url(open_motion))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    board = parse_board(response.content)
    assert board_verify(board).ok
    assert json.loads(response.content)["votes_cast"] == 2


def test_it_serves_no_board_before_the_close(member_client, open_motion):
    assert member_client.get(board_url(open_motion)).status_code == 404


def test_it_hides_the_board_from_an_outsider(outsider_client, open_motion):
    close_poll(open_motion)
    assert outsider_client.get(board_url(open_motion)).status_code == 404


def test_it_refuses_post_on_the_board(member_client, open_motion):
    close_poll(open_motion)
    assert member_client.post(board_url(open_motion)).status_code == 405


def test_it_says_no_ballot_was_counted_when_nobody_voted(member_client, committee, member):
    set_bylaws(committee, async_turnout_percent=0)  # bylaws that ask no turnout
    open_motion = make_open_poll(committee)
    close_poll(open_motion)
    response = member_client.get(url(open_motion))
    assert response.status_code == 200
    assert "No ballot was counted." in page_text(response)
