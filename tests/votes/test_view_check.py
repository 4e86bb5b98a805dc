"""Checking my ballot by its tracker: received (before the close), on the board (after)."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import page_text
from tests.votes.helpers import cast, close_poll


def url(poll) -> str:
    return reverse("votes:check", args=[poll.pk])


def test_it_says_received_before_the_close_without_the_content(member_client, open_motion, member):
    receipt = cast(open_motion, member, "abstain")
    response = member_client.post(url(open_motion), {"tracker": receipt.tracker})
    text = page_text(response)
    assert "Your ballot was received" in text
    assert "Abstain" not in text


def test_it_shows_my_ballot_on_the_board_after_the_close(member_client, open_motion, member):
    receipt = cast(open_motion, member, "abstain")
    close_poll(open_motion)
    text = page_text(member_client.post(url(open_motion), {"tracker": receipt.tracker}))
    assert "Your ballot is on the published board, counted as: Abstain" in text


def test_it_says_an_unknown_tracker_is_not_on_the_board(member_client, open_motion, member):
    cast(open_motion, member, "yes")
    close_poll(open_motion)
    text = page_text(member_client.post(url(open_motion), {"tracker": "0" * 32}))
    assert "No ballot with this tracker is on the board" in text


def test_it_says_an_unknown_tracker_was_not_received(member_client, open_motion):
    text = page_text(member_client.post(url(open_motion), {"tracker": "a" * 32}))
    assert "No ballot with this tracker was received" in text


def test_it_refuses_a_malformed_tracker(member_client, open_motion):
    response = member_client.post(url(open_motion), {"tracker": "not a tracker"})
    assert response.status_code == 400
    assert "A tracker is 32 letters" in page_text(response)


def test_it_says_a_draft_has_no_ballot(member_client, draft_motion):
    response = member_client.post(url(draft_motion), {"tracker": "a" * 32})
    assert "has not opened yet" in page_text(response)


def test_it_shows_the_form_and_is_never_cached(member_client, open_motion):
    response = member_client.get(url(open_motion))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_it_hides_the_page_from_an_outsider(outsider_client, open_motion):
    assert outsider_client.post(url(open_motion), {"tracker": "a" * 32}).status_code == 404


def test_it_refuses_put(member_client, open_motion):
    assert member_client.put(url(open_motion)).status_code == 405
