"""Casting a ballot from the poll page: the receipt shows the tracker and secret once."""

from __future__ import annotations

from django.urls import reverse

from rankfile.accounts.models import PersonSession
from rankfile.votes.models import Ballot, VoteCast
from rankfile.votes.secrecy import tracker_clean
from tests.factories import last_message, logged_in, make_member, page_text
from tests.votes.helpers import board_of, close_poll, make_election, make_poll, open_poll


def url(poll) -> str:
    return reverse("votes:cast", args=[poll.pk])


def receipt_tracker(response) -> str:
    html = response.content.decode()
    start = html.index('id="tracker"')
    value = html[start:].split('value="', 1)[1].split('"', 1)[0]
    tracker = tracker_clean(value)
    assert tracker is not None
    return tracker


def test_it_casts_and_shows_the_tracker_once_without_storing_it(member_client, open_motion):
    response = member_client.post(url(open_motion), {"choice": "yes"})
    assert response.status_code == 200
    text = page_text(response)
    assert "Your ballot is cast" in text and "shown only this once" in text
    assert "no-store" in response["Cache-Control"]
    tracker = receipt_tracker(response)
    assert VoteCast.objects.filter(poll=open_motion).count() == 1
    assert Ballot.objects.filter(poll=open_motion).count() == 1
    sessions = " ".join(s.session_data for s in PersonSession.objects.all())
    assert tracker not in sessions
    close_poll(open_motion)
    assert [b["tracker"] for b in board_of(open_motion)["ballots"]] == [tracker]


def test_it_casts_a_ranking_from_the_selects_closing_up_gaps(client, committee, member):
    ana = make_member(committee, handle="ana").person
    poll = open_poll(make_election(committee, [ana, member], method="irv"))
    response = logged_in(client, member).post(url(poll), {"rank_1": "", "rank_2": "o2"})
    assert response.status_code == 200
    close_poll(poll)
    assert [b["content"] for b in board_of(poll)["ballots"]] == [["o2"]]


def test_it_keeps_my_ranking_and_says_what_is_wrong(client, committee, member):
    ana = make_member(committee, handle="ana").person
    poll = open_poll(make_election(committee, [ana, member], method="irv"))
    response = logged_in(client, member).post(url(poll), {"rank_1": "o1", "rank_2": "o1"})
    assert response.status_code == 400
    assert "You chose ana more than once" in page_text(response)
    assert '<option value="o1" selected>' in response.content.decode()
    assert not VoteCast.objects.exists()


def test_it_casts_an_approval_ballot(client, committee, member):
    poll = open_poll(
        make_poll(committee, kind="question", options=["A", "B", "C"], method="approval")
    )
    logged_in(client, member).post(url(poll), {"approved": ["o1", "o3"]})
    close_poll(poll)
    assert [b["content"] for b in board_of(poll)["ballots"]] == [["o1", "o3"]]


def test_it_refuses_an_empty_ballot_with_the_form_again(member_client, open_motion):
    response = member_client.post(url(open_motion), {})
    assert response.status_code == 400
    assert "This field is required" in page_text(response)
    assert not Ballot.objects.exists()


def test_it_refuses_a_second_ballot_and_says_why(member_client, open_motion):
    member_client.post(url(open_motion), {"choice": "yes"})
    response = member_client.post(url(open_motion), {"choice": "no"})
    assert response.status_code == 302
    assert "already voted" in last_message(response)
    assert Ballot.objects.filter(poll=open_motion).count() == 1


def test_it_says_why_a_ballot_on_a_closed_vote_is_refused(member_client, open_motion):
    close_poll(open_motion)
    response = member_client.post(url(open_motion), {"choice": "yes"})
    assert response.status_code == 302
    assert "The vote closed on" in last_message(response)
    assert not Ballot.objects.exists()


def test_it_says_why_a_ballot_on_a_draft_is_refused(member_client, draft_motion):
    response = member_client.post(url(draft_motion), {"choice": "yes"})
    assert "has not opened yet" in last_message(response)


def test_it_forbids_a_member_outside_the_electorate(client, open_motion, committee):
    late = make_member(committee, handle="late").person
    response = logged_in(client, late).post(url(open_motion), {"choice": "yes"})
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_it_hides_the_poll_from_an_outsider(outsider_client, open_motion):
    assert outsider_client.post(url(open_motion), {"choice": "yes"}).status_code == 404


def test_it_refuses_get(member_client, open_motion):
    assert member_client.get(url(open_motion)).status_code == 405
