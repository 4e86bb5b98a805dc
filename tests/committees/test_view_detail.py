"""A committee's page, for its active members."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees import services
from rankfile.committees.models import MembershipStatus
from tests.factories import (
    chair_of,
    logged_in,
    make_member,
    make_members,
    page_text,
    queries_of,
)


def url(committee) -> str:
    return reverse("committees:detail", args=[committee.slug])


def test_it_shows_the_members_officers_delegates_and_bylaws(member_client, committee, delegate):
    response = member_client.get(url(committee))
    assert response.status_code == 200
    text = page_text(response)
    assert "Heywood Bus Garage" in text
    assert "3 members" in text
    assert "chair" in text and "member" in text and "delegate" in text
    assert "delegate sits on Twin Cities Transit Workers" in text
    assert "Vouches needed to join 1" in text
    assert "Twin Cities Transit Workers" in text


def test_it_shows_the_officer_links_to_officers_only(client, committee, chair, member):
    for person, shown in ((chair, True), (member, False)):
        response = logged_in(client, person).get(url(committee))
        assert (b"/invitations/" in response.content) is shown
        # Every member may propose a change of the bylaws.
        assert b"/bylaws/" in response.content


def test_it_lets_members_vouch_for_applicants_and_officers_admit_them(
    client, committee, chair, member
):
    applicant = make_member(committee, status=MembershipStatus.APPLIED, handle="newcomer")
    vouch_url = reverse("committees:vouch", args=[committee.slug, applicant.pk]).encode()
    approve_url = reverse("committees:approve", args=[committee.slug, applicant.pk]).encode()
    as_member = logged_in(client, member).get(url(committee))
    assert "newcomer 0 vouches" in page_text(as_member)
    assert vouch_url in as_member.content
    assert approve_url not in as_member.content
    assert approve_url in logged_in(client, chair).get(url(committee)).content


def test_it_shows_contact_details_to_a_secretary_when_the_member_allows_it(
    client, committee, chair, member
):
    secretary = make_member(committee, handle="secretary").person
    services.role_assign(committee=committee, person=secretary, kind="secretary", by=chair)
    member.real_name, member.phone = "Rosa Parks", "+1 612 555 0100"
    member.save()
    membership = member.memberships.get(committee=committee)
    assert "Rosa Parks" not in page_text(logged_in(client, secretary).get(url(committee)))
    services.membership_set_contact_sharing(membership=membership, shares_contact=True)
    text = page_text(logged_in(client, secretary).get(url(committee)))
    assert "Rosa Parks +1 612 555 0100" in text


def test_it_never_shows_contact_details_to_a_chair_who_is_not_secretary(
    client, committee, chair, member
):
    member.real_name = "Rosa Parks"
    member.save()
    services.membership_set_contact_sharing(
        membership=member.memberships.get(committee=committee), shares_contact=True
    )
    assert "Rosa Parks" not in page_text(logged_in(client, chair).get(url(committee)))


def test_it_shows_a_member_their_own_contact_details(member_client, committee, member):
    member.email = "member@example.org"
    member.save()
    assert "member@example.org" in page_text(member_client.get(url(committee)))


def test_it_hides_the_page_from_a_suspended_member(client, committee):
    suspended = make_member(committee, status=MembershipStatus.SUSPENDED)
    assert logged_in(client, suspended.person).get(url(committee)).status_code == 404


def test_it_hides_the_page_from_an_applicant(client, committee):
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    assert logged_in(client, applicant.person).get(url(committee)).status_code == 404


def test_it_needs_the_same_queries_for_3_members_as_for_30(chair_client, committee, delegate):
    make_members(committee, 1)
    make_member(committee, status=MembershipStatus.APPLIED)
    few = queries_of(chair_client, url(committee))
    for membership in make_members(committee, 27):
        membership.person.real_name = "Someone"
        membership.person.save()
        services.membership_set_contact_sharing(membership=membership, shares_contact=True)
    for _ in range(5):
        make_member(committee, status=MembershipStatus.APPLIED)
    services.role_assign(
        committee=committee, person=delegate, kind="secretary", by=chair_of(committee)
    )
    assert queries_of(chair_client, url(committee)) == few


def test_it_answers_in_a_fixed_small_number_of_queries(
    chair_client, committee, django_assert_max_num_queries
):
    # The roster, offices and delegates, open recall petitions, what is coming up above.
    with django_assert_max_num_queries(17):
        response = chair_client.get(url(committee))
    assert response.status_code == 200
