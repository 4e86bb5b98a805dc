"""The poll page and the poll list read a fixed number of queries, however many polls and
ballots there are."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import logged_in
from tests.votes.helpers import cast, make_open_poll, make_voters


@pytest.mark.parametrize("size", [1, 6])
def test_it_shows_a_poll_in_seven_queries(
    client, committee, chair, size, django_assert_num_queries
):
    voters = make_voters(committee, size)
    polls = [make_open_poll(committee, title=f"Poll {n}") for n in range(size)]
    for person in voters:
        cast(polls[0], person, "yes")
    logged_in(client, chair)
    with django_assert_num_queries(7):
        response = client.get(reverse("votes:detail", args=[polls[0].pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 6])
def test_it_lists_the_polls_in_five_queries(
    client, committee, chair, size, django_assert_num_queries
):
    polls = [make_open_poll(committee, title=f"Poll {n}") for n in range(size)]
    logged_in(client, chair)
    with django_assert_num_queries(5):
        response = client.get(reverse("votes:list", args=[committee.slug]))
    assert response.status_code == 200
    assert all(poll.title in response.content.decode() for poll in polls)
