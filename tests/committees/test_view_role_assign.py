"""The chair gives a role to an active member."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees.models import MembershipStatus, Role
from tests.factories import last_message, make_member


def url(committee) -> str:
    return reverse("committees:role_assign", args=[committee.slug])


def test_it_gives_the_role(chair_client, committee, member):
    response = chair_client.post(url(committee), {"handle": "MEMBER", "kind": "secretary"})
    assert response.status_code == 302
    assert last_message(response) == "Role given."
    assert Role.objects.get(person=member).kind == "secretary"


def test_it_refuses_a_handle_that_is_not_an_active_member(chair_client, committee, outsider):
    applicant = make_member(committee, status=MembershipStatus.APPLIED).person
    for handle in (outsider.handle, applicant.handle, "nobody"):
        response = chair_client.post(url(committee), {"handle": handle, "kind": "secretary"})
        assert last_message(response) == "No active member has that handle."
    assert Role.objects.filter(committee=committee).count() == 1


def test_it_explains_that_the_member_already_holds_the_role(chair_client, committee, chair):
    response = chair_client.post(url(committee), {"handle": chair.handle, "kind": "chair"})
    assert last_message(response) == "chair already holds this role."
    assert Role.objects.filter(committee=committee).count() == 1


def test_it_refuses_an_unknown_role(chair_client, committee, member):
    response = chair_client.post(url(committee), {"handle": member.handle, "kind": "treasurer"})
    assert last_message(response) == "Choose a member and a role."
    assert not Role.objects.filter(person=member).exists()
