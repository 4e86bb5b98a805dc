"""Nominating, accepting and declining, from the election's page."""

from __future__ import annotations

from django.urls import reverse

from rankfile.votes.models import Nomination, PollOption
from tests.factories import last_message, logged_in, page_text
from tests.votes.helpers import make_poll, open_poll


def nominate_url(poll) -> str:
    return reverse("votes:nominate", args=[poll.pk])


def test_it_nominates_a_member_who_then_accepts(client, committee, chair, member):
    poll = make_poll(committee, kind="election", title="Secretary")
    response = logged_in(client, chair).post(nominate_url(poll), {"handle": "Member"})
    assert "member is nominated" in last_message(response)
    nomination = Nomination.objects.get(poll=poll)
    page = page_text(logged_in(client, member).get(reverse("votes:detail", args=[poll.pk])))
    assert "nominated, has not accepted" in page and "I accept" in page
    response = client.post(reverse("votes:nomination_accept", args=[poll.pk, nomination.pk]))
    assert "You are a candidate" in last_message(response)
    assert PollOption.objects.filter(poll=poll, person=member).exists()


def test_it_makes_a_self_nomination_a_candidacy(member_client, committee, member):
    poll = make_poll(committee, kind="election", title="Secretary")
    member_client.post(nominate_url(poll), {"handle": "member"})
    assert PollOption.objects.filter(poll=poll, person=member).exists()


def test_it_lets_the_nominee_decline(client, committee, chair, member):
    poll = make_poll(committee, kind="election", title="Secretary")
    logged_in(client, chair).post(nominate_url(poll), {"handle": "member"})
    nomination = Nomination.objects.get()
    response = logged_in(client, member).post(
        reverse("votes:nomination_withdraw", args=[poll.pk, nomination.pk])
    )
    assert "not standing" in last_message(response)
    assert Nomination.objects.get().withdrawn_at is not None


def test_it_forbids_anyone_but_the_nominee_to_accept(client, committee, chair, member):
    poll = make_poll(committee, kind="election", title="Secretary")
    logged_in(client, chair).post(nominate_url(poll), {"handle": "member"})
    nomination = Nomination.objects.get()
    url = reverse("votes:nomination_accept", args=[poll.pk, nomination.pk])
    assert client.post(url).status_code == 403
    assert not PollOption.objects.filter(poll=poll).exists()


def test_it_says_nominations_closed_when_the_vote_opened(member_client, committee, chair):
    from rankfile.votes.services import nomination_create

    poll = make_poll(committee, kind="election", title="Secretary")
    nomination_create(poll=poll, person=chair, by=chair)
    open_poll(poll)
    response = member_client.post(nominate_url(poll), {"handle": "member"})
    assert "Nominations closed" in last_message(response)


def test_it_says_an_unknown_handle_is_unknown(member_client, committee):
    poll = make_poll(committee, kind="election", title="Secretary")
    response = member_client.post(nominate_url(poll), {"handle": "nobody_here"})
    assert "No member has that handle" in last_message(response)


def test_it_hides_the_election_from_an_outsider(outsider_client, committee):
    poll = make_poll(committee, kind="election", title="Secretary")
    assert outsider_client.post(nominate_url(poll), {"handle": "outsider"}).status_code == 404


def test_it_refuses_get(member_client, committee):
    poll = make_poll(committee, kind="election", title="Secretary")
    assert member_client.get(nominate_url(poll)).status_code == 405
