"""The meetings list reads a fixed number of queries, however many meetings are called."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rankfile.meetings import services
from tests.factories import logged_in
from tests.meetings.helpers import make_closed_meeting, make_meeting


@pytest.mark.parametrize("size", [1, 5])
def test_it_lists_the_called_meetings_in_nine_queries(
    client, committee, chair, size, django_assert_num_queries
):
    for _ in range(size):
        make_meeting(committee)
    logged_in(client, chair)
    with django_assert_num_queries(9):
        response = client.get(reverse("meetings:list", args=[committee.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 5])
def test_it_lists_past_meetings_with_their_minutes_in_as_many_queries_however_many(
    client, committee, chair, size, django_assert_num_queries
):
    for _ in range(size):
        services.minutes_generate(meeting=make_closed_meeting(committee), by=chair)
    logged_in(client, chair)
    with django_assert_num_queries(9):
        response = client.get(reverse("meetings:list", args=[committee.slug]))
    assert response.status_code == 200
    assert response.content.decode().count(">Minutes</a>") == size
