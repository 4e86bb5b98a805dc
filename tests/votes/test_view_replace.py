"""Replacing my ballot until the close, with the tracker and the secret."""

from __future__ import annotations

from django.urls import reverse

from rankfile.votes.models import Ballot
from rankfile.votes.secrecy import secret_shown
from tests.factories import logged_in, make_member, page_text
from tests.votes.helpers import board_of, cast, close_poll


def url(poll) -> str:
    return reverse("votes:replace", args=[poll.pk])


def test_it_replaces_my_ballot_and_keeps_the_tracker(member_client, open_motion, member):
    receipt = cast(open_motion, member, "yes")
    response = member_client.post(
        url(open_motion),
        {
            "tracker": receipt.tracker.upper(),
            "secret": secret_shown(receipt.secret).lower(),
            "ballot-choice": "no",
        },
    )
    assert response.status_code == 302
    assert Ballot.objects.filter(poll=open_motion).count() == 1
    close_poll(open_motion)
    assert [(b["tracker"], b["content"]) for b in board_of(open_motion)["ballots"]] == [
        (receipt.tracker, "no")
    ]


def test_it_refuses_the_wrong_secret_and_keeps_my_ballot(member_client, open_motion, member):
    receipt = cast(open_motion, member, "yes")
    response = member_client.post(
        url(open_motion),
        {"tracker": receipt.tracker, "secret": "B" * 26, "ballot-choice": "no"},
    )
    assert response.status_code == 400
    assert "do not match" in page_text(response)
    close_poll(open_motion)
    assert [b["content"] for b in board_of(open_motion)["ballots"]] == ["yes"]


def test_it_refuses_someone_elses_tracker_without_their_secret(client, open_motion, member, chair):
    receipt = cast(open_motion, member, "yes")
    cast(open_motion, chair, "no")
    response = logged_in(client, chair).post(
        url(open_motion), {"tracker": receipt.tracker, "secret": "C" * 26, "ballot-choice": "no"}
    )
    assert response.status_code == 400
    close_poll(open_motion)
    assert sorted(b["content"] for b in board_of(open_motion)["ballots"]) == ["no", "yes"]


def test_it_says_there_is_nothing_to_replace_before_i_vote(member_client, open_motion):
    assert "nothing to replace" in page_text(member_client.get(url(open_motion)))


def test_it_says_why_a_replacement_after_the_close_is_refused(member_client, open_motion, member):
    receipt = cast(open_motion, member, "yes")
    close_poll(open_motion)
    assert "The vote closed on" in page_text(member_client.get(url(open_motion)))
    response = member_client.post(
        url(open_motion),
        {"tracker": receipt.tracker, "secret": receipt.secret, "ballot-choice": "no"},
    )
    assert response.status_code == 400
    assert "The vote closed on" in page_text(response)


def test_it_refuses_malformed_input_with_the_reasons(member_client, open_motion, member):
    cast(open_motion, member, "yes")
    response = member_client.post(url(open_motion), {"tracker": "xyz", "secret": "?"})
    assert response.status_code == 400
    text = page_text(response)
    assert "A tracker is 32 letters" in text and "A secret is 26 letters" in text


def test_it_hides_the_page_from_an_outsider(outsider_client, open_motion):
    assert outsider_client.get(url(open_motion)).status_code == 404


def test_it_forbids_a_member_who_has_not_voted(client, open_motion, committee, member):
    receipt = cast(open_motion, member, "yes")
    late = make_member(committee, handle="late").person
    response = logged_in(client, late).post(
        url(open_motion),
        {"tracker": receipt.tracker, "secret": receipt.secret, "ballot-choice": "no"},
    )
    assert response.status_code == 400
    assert "You have not voted" in page_text(response)


def test_it_refuses_delete(member_client, open_motion):
    assert member_client.delete(url(open_motion)).status_code == 405
