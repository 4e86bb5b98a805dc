"""Opening and closing a vote (officers)."""

from __future__ import annotations

from django.urls import reverse

from rankfile.votes.models import PollBoard
from tests.factories import last_message, page_text
from tests.votes.helpers import cast, fresh, make_poll

CONFIRMED = {"confirmed": "yes"}


def test_it_opens_a_draft(chair_client, draft_motion):
    response = chair_client.post(reverse("votes:open", args=[draft_motion.pk]))
    assert response.status_code == 302
    assert "The vote is open" in last_message(response)
    assert fresh(draft_motion).status == "open"


def test_it_says_why_an_election_cannot_open(chair_client, committee, member):
    poll = make_poll(committee, kind="election", title="Chair")
    response = chair_client.post(reverse("votes:open", args=[poll.pk]))
    assert "No candidate has accepted" in last_message(response)
    assert fresh(poll).status == "draft"


def test_it_closes_and_goes_to_the_result(chair_client, open_motion, chair, member, delegate):
    # Before its deadline a vote outside a meeting closes by hand once every elector has voted.
    for voter in (chair, member, delegate):
        cast(open_motion, voter, "yes")
    response = chair_client.post(reverse("votes:close", args=[open_motion.pk]), CONFIRMED)
    assert response["Location"] == reverse("votes:results", args=[open_motion.pk])
    assert fresh(open_motion).status == "closed"
    assert PollBoard.objects.filter(poll=open_motion).exists()


def test_it_says_a_closed_vote_is_closed_already(
    chair_client, open_motion, chair, member, delegate
):
    for voter in (chair, member, delegate):
        cast(open_motion, voter, "yes")
    chair_client.post(reverse("votes:close", args=[open_motion.pk]), CONFIRMED)
    response = chair_client.post(reverse("votes:close", args=[open_motion.pk]), CONFIRMED)
    assert "already closed" in last_message(response)
    assert PollBoard.objects.count() == 1


def test_it_forbids_a_member_without_a_role(member_client, open_motion, draft_motion):
    assert member_client.post(reverse("votes:close", args=[open_motion.pk])).status_code == 403
    assert member_client.post(reverse("votes:open", args=[draft_motion.pk])).status_code == 403
    assert fresh(open_motion).status == "open"


def test_it_hides_the_poll_from_an_outsider(outsider_client, open_motion):
    assert outsider_client.post(reverse("votes:close", args=[open_motion.pk])).status_code == 404


def test_it_refuses_get(chair_client, open_motion):
    assert chair_client.get(reverse("votes:close", args=[open_motion.pk])).status_code == 405
    assert chair_client.get(reverse("votes:open", args=[open_motion.pk])).status_code == 405


def test_it_asks_for_confirmation_and_says_how_many_have_not_voted(
    chair_client, open_motion, member
):
    cast(open_motion, member, "yes")
    response = chair_client.post(reverse("votes:close", args=[open_motion.pk]))
    assert response.status_code == 200
    text = page_text(response)
    assert "2 of 3 electors have not voted yet." in text
    assert "not before, while 2 electors have not voted" in text
    assert fresh(open_motion).status == "open"


def test_no_officer_closes_a_vote_outside_a_meeting_early_while_electors_wait(
    chair_client, open_motion, member
):
    cast(open_motion, member, "yes")
    response = chair_client.post(reverse("votes:close", args=[open_motion.pk]), CONFIRMED)
    assert "while 2 electors have not voted" in last_message(response)
    assert fresh(open_motion).status == "open"
    assert not PollBoard.objects.filter(poll=open_motion).exists()
