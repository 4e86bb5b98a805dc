"""The federation view: totals only, below k shown as "fewer than k"."""

from __future__ import annotations

import re

from django.urls import reverse

from rankfile.committees import services
from tests.factories import (
    logged_in,
    make_committee,
    make_members,
    page_text,
    queries_of,
    set_bylaws,
)


def url(committee) -> str:
    return reverse("committees:federation", args=[committee.slug])


def members_shown_for(text: str, name: str) -> str:
    """What the tree says about a committee's members, e.g. "fewer than 5" or "6"."""
    found = re.search(
        rf"{re.escape(name)}\b(?:(?!members).)*?(fewer than \d+|[\d,]+) members", text
    )
    assert found, f"{name} not in the tree"
    return found.group(1)


def test_it_shows_a_small_committee_as_fewer_than_k_and_a_bigger_one_as_its_number(
    client, coordinating, committee, delegate
):
    bigger = make_committee(name="Hospital", parent=coordinating)
    make_members(bigger, 5)
    text = page_text(logged_in(client, delegate).get(url(coordinating)))
    assert members_shown_for(text, "Heywood Bus Garage") == "fewer than 5"
    assert members_shown_for(text, "Hospital") == "6"


def test_it_uses_the_k_of_the_committee_viewed(client, coordinating, committee, member, delegate):
    set_bylaws(coordinating, k_anonymity=3)
    text = page_text(logged_in(client, delegate).get(url(coordinating)))
    assert members_shown_for(text, "Heywood Bus Garage") == "3"


def test_it_shows_the_totals_of_the_federation(client, coordinating, committee, delegate):
    make_members(committee, 4)
    response = logged_in(client, delegate).get(url(coordinating))
    assert response.status_code == 200
    text = page_text(response)
    assert "1 base committee" in text
    assert "6 members" in text
    assert "650" in text


def test_it_lets_a_member_of_a_committee_below_see_the_coordinating_committee(
    member_client, coordinating
):
    assert member_client.get(url(coordinating)).status_code == 200


def test_it_hides_a_coordinating_committee_from_members_of_committees_not_under_it(
    client, coordinating
):
    elsewhere = make_committee(name="Elsewhere")
    person = make_members(elsewhere, 1)[0].person
    assert logged_in(client, person).get(url(coordinating)).status_code == 404


def test_it_hides_a_committee_above_from_a_member_of_the_one_below_that_left(
    client, coordinating, committee
):
    member = make_members(committee, 1)[0]
    services.membership_leave(membership=member, by=member.person)
    assert logged_in(client, member.person).get(url(coordinating)).status_code == 404


def test_it_needs_the_same_queries_for_3_committees_as_for_30(client, coordinating, delegate):
    logged_in(client, delegate)
    for _ in range(2):
        make_committee(parent=coordinating)
    few = queries_of(client, url(coordinating))
    for _ in range(27):
        make_members(make_committee(parent=coordinating), 1)
    assert queries_of(client, url(coordinating)) == few


def test_it_answers_in_a_fixed_small_number_of_queries(
    member_client, committee, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = member_client.get(url(committee))
    assert response.status_code == 200
