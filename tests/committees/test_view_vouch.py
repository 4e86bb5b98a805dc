"""Vouching for an applicant, from any active member."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees.models import MembershipStatus, Vouch
from tests.factories import active_count_in_database, last_message, make_member


def url(committee, membership) -> str:
    return reverse("committees:vouch", args=[committee.slug, membership.pk])


def test_it_records_the_vouch_and_admits_when_enough(member_client, committee, member):
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    response = member_client.post(url(committee, applicant))
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("committees:detail", args=[committee.slug]),
    )
    assert last_message(response) == "Thank you: your vouch is recorded."
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.ACTIVE
    assert Vouch.objects.get().voucher == member
    committee.refresh_from_db()
    assert committee.active_member_count == active_count_in_database(committee)


def test_it_explains_why_an_active_member_cannot_be_vouched_for(member_client, committee):
    other = make_member(committee)
    response = member_client.post(url(committee, other))
    assert response.status_code == 302
    assert last_message(response) == "Only an applicant can be vouched for."
    assert not Vouch.objects.exists()


def test_it_does_not_find_an_applicant_of_another_committee(member_client, committee, coordinating):
    elsewhere = make_member(coordinating, status=MembershipStatus.APPLIED)
    assert member_client.post(url(committee, elsewhere)).status_code == 404
    assert not Vouch.objects.exists()
