"""Officers admit an applicant without waiting for vouches."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees.models import MembershipStatus
from tests.factories import last_message, make_member, set_bylaws


def url(committee, membership) -> str:
    return reverse("committees:approve", args=[committee.slug, membership.pk])


def test_it_admits_the_applicant(chair_client, committee):
    set_bylaws(committee, vouches_needed=3)
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    response = chair_client.post(url(committee, applicant))
    assert response.status_code == 302
    assert last_message(response) == "Admitted."
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.ACTIVE


def test_it_explains_that_a_member_is_already_admitted(chair_client, committee, member):
    membership = member.memberships.get(committee=committee)
    response = chair_client.post(url(committee, membership))
    assert last_message(response) == "Only an applicant can be approved."
    committee.refresh_from_db()
    assert committee.active_member_count == 2
