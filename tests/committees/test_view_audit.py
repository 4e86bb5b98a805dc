"""A committee's log, readable by every member: officers are watched by who elected them."""

from __future__ import annotations

from django.urls import reverse

from rankfile.accounts.services import account_erase
from tests.factories import make_member, make_members, page_text, queries_of


def url(committee) -> str:
    return reverse("committees:audit", args=[committee.slug])


def test_it_shows_the_log_as_sentences_to_a_member(member_client, committee, delegate):
    response = member_client.get(url(committee))
    assert response.status_code == 200
    text = page_text(response)
    assert "chair founded the committee" in text
    assert "member was admitted" in text
    assert "chair gave delegate a delegate seat on Twin Cities Transit Workers" in text


def test_it_shows_an_erased_person_as_a_former_member(member_client, committee):
    gone = make_member(committee, handle="gone_person").person
    account_erase(person=gone)
    text = page_text(member_client.get(url(committee)))
    assert "a former member was admitted" in text
    assert "gone_person" not in text


def test_it_needs_the_same_queries_for_3_members_as_for_30(member_client, committee):
    make_members(committee, 2)
    few = queries_of(member_client, url(committee))
    make_members(committee, 27)
    assert queries_of(member_client, url(committee)) == few


def test_it_answers_in_a_fixed_small_number_of_queries(
    member_client, committee, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = member_client.get(url(committee))
    assert response.status_code == 200
