"""My committees: every committee the person is in, with what they can do there."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees.models import MembershipStatus
from tests.factories import logged_in, make_committee, make_member, page_text, queries_of

URL = reverse("committees:mine")


def test_it_lists_the_committees_of_a_member_with_links(member_client, committee):
    response = member_client.get(URL)
    assert response.status_code == 200
    assert "Heywood Bus Garage" in page_text(response)
    assert reverse("committees:detail", args=[committee.slug]).encode() in response.content


def test_it_shows_an_application_with_its_vouches_and_no_link(client, committee):
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    response = logged_in(client, applicant.person).get(URL)
    assert "Applied: 0 vouches so far" in page_text(response)
    assert reverse("committees:detail", args=[committee.slug]).encode() not in response.content


def test_it_hides_committees_the_person_left(client, committee):
    gone = make_member(committee, status=MembershipStatus.LEFT)
    response = logged_in(client, gone.person).get(URL)
    assert "Heywood Bus Garage" not in page_text(response)
    assert "You are not in a committee yet" in page_text(response)


def test_it_shows_the_coordinating_committee_where_a_delegate_sits(client, delegate):
    text = page_text(logged_in(client, delegate).get(URL))
    assert "Heywood Bus Garage" in text
    assert "Twin Cities Transit Workers" in text


def test_it_needs_the_same_queries_for_3_committees_as_for_30(client, outsider):
    logged_in(client, outsider)
    committees = [make_committee() for _ in range(30)]
    for committee in committees[:3]:
        make_member(committee, outsider, status=MembershipStatus.APPLIED)
    few = queries_of(client, URL)
    for committee in committees[3:]:
        make_member(committee, outsider)
    assert queries_of(client, URL) == few


def test_it_answers_in_a_fixed_small_number_of_queries(
    member_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = member_client.get(URL)
    assert response.status_code == 200
