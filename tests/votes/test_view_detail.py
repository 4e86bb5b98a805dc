"""The poll page: status, turnout, the ballot form for electors, and the reasons why not."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import logged_in, make_member, page_text
from tests.votes.helpers import cast, close_poll, make_election, make_poll, open_poll


def url(poll) -> str:
    return reverse("votes:detail", args=[poll.pk])


def test_it_shows_an_elector_the_ballot_and_the_turnout(member_client, open_motion, chair):
    cast(open_motion, chair, "yes")
    response = member_client.get(url(open_motion))
    text = page_text(response)
    assert "Strike on Monday" in text
    assert "1 of 3 have voted" in text
    assert "Cast my ballot" in text
    html = response.content.decode()
    assert 'type="radio" name="choice" value="yes"' in html
    assert f'data-live-socket="/ws/polls/{open_motion.pk}/"' in html


def test_it_says_i_have_voted_and_offers_replace_and_check(member_client, open_motion, member):
    cast(open_motion, member, "no")
    text = page_text(member_client.get(url(open_motion)))
    assert "You have voted." in text
    assert "Cast my ballot" not in text
    assert "Replace my ballot" in text and "Check my ballot" in text


def test_it_says_why_a_member_who_joined_late_cannot_vote(client, open_motion, committee):
    late = make_member(committee, handle="late").person
    text = page_text(logged_in(client, late).get(url(open_motion)))
    assert "not in this vote's electorate" in text
    assert "Cast my ballot" not in text


def test_it_says_when_the_vote_closed_and_links_the_result(
    member_client, open_motion, member, delegate
):
    cast(open_motion, member, "yes")
    cast(open_motion, delegate, "yes")
    close_poll(open_motion)
    text = page_text(member_client.get(url(open_motion)))
    assert "Adopted: 2 yes, 0 no, 0 abstain (simple majority)" in text
    assert "Full result" in text and "board.json" in text


def test_it_shows_a_select_per_rank_for_a_ranked_election(member_client, committee, member):
    ana = make_member(committee, handle="ana").person
    poll = open_poll(make_election(committee, [ana, member], method="irv"))
    response = member_client.get(url(poll))
    text = page_text(response)
    assert "1st choice" in text and "2nd choice" in text and "3rd choice" not in text
    assert '<select name="rank_1"' in response.content.decode()


def test_it_offers_officers_to_open_and_close(chair_client, draft_motion):
    assert "Open the vote" in page_text(chair_client.get(url(draft_motion)))
    open_poll(draft_motion)
    assert "Close the vote" in page_text(chair_client.get(url(draft_motion)))


def test_it_offers_no_officer_buttons_to_a_member(member_client, draft_motion):
    assert "Open the vote" not in page_text(member_client.get(url(draft_motion)))


def test_it_hides_the_poll_from_an_outsider(outsider_client, open_motion):
    assert outsider_client.get(url(open_motion)).status_code == 404


def test_it_refuses_post(member_client, open_motion):
    assert member_client.post(url(open_motion)).status_code == 405


def test_it_serves_the_live_section(member_client, open_motion, member):
    cast(open_motion, member, "yes")
    response = member_client.get(reverse("votes:section", args=[open_motion.pk]))
    assert response.status_code == 200
    assert 'data-live-section="poll"' in response.content.decode()
    assert "1 of 3 have voted" in page_text(response)


def test_it_hides_the_live_section_from_an_outsider(outsider_client, open_motion):
    assert outsider_client.get(reverse("votes:section", args=[open_motion.pk])).status_code == 404


def test_it_answers_an_unknown_poll_with_404(member_client):
    assert member_client.get(reverse("votes:detail", args=[99999])).status_code == 404


def test_it_hides_a_poll_of_a_committee_i_am_not_in(member_client, coordinating):
    poll = make_poll(coordinating)
    assert member_client.get(url(poll)).status_code == 404
