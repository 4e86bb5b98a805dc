"""Joining by invitation link: how people arrive, with or without an account."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rankfile.accounts.models import Person
from rankfile.committees import services
from rankfile.committees.models import Invitation, Membership, MembershipStatus
from rankfile.committees.views import join as join_view
from rankfile.core.crypto import token_digest
from rankfile.core.errors import RuleViolation
from tests.factories import (
    PASSWORD,
    count_rows,
    last_message,
    logged_in,
    make_invitation,
    page_text,
)

NEWCOMER = {"handle": "newcomer", "password": PASSWORD, "password_again": PASSWORD}


def url(token: str) -> str:
    return reverse("committees:join", args=[token])


def uses_of(token: str) -> int:
    return Invitation.objects.get(digest=token_digest(token)).use_count


@pytest.fixture
def token(committee) -> str:
    return make_invitation(committee)


def test_it_shows_the_committee_and_the_sign_up_form(client, token):
    response = client.get(url(token))
    assert response.status_code == 200
    text = page_text(response)
    assert "Join Heywood Bus Garage" in text
    assert "Create my account and join" in text


def test_it_creates_the_account_logs_in_and_applies(client, committee, token):
    response = client.post(url(token), NEWCOMER)
    assert (response.status_code, response["Location"]) == (302, reverse("committees:mine"))
    assert last_message(response) == (
        "Welcome, newcomer. You have applied to join Heywood Bus Garage."
    )
    newcomer = Person.objects.get(handle="newcomer")
    assert newcomer.check_password(PASSWORD)
    assert newcomer.memberships.get().status == MembershipStatus.APPLIED
    assert client.get(reverse("committees:mine")).context["user"] == newcomer


def test_it_refuses_a_taken_handle_and_keeps_the_link_unused(client, committee, member, token):
    before = count_rows(Person, Membership)
    response = client.post(url(token), {**NEWCOMER, "handle": "MEMBER"})
    assert response.status_code == 400
    assert "That handle is taken, or looks too much like one that is. Choose another." in page_text(
        response
    )
    assert 'value="MEMBER"' in response.content.decode()
    assert count_rows(Person, Membership) == before
    assert uses_of(token) == 0


def test_it_keeps_no_account_when_the_application_fails(client, committee, token, monkeypatch):
    def refuse(**kwargs: object) -> None:
        raise RuleViolation("This invitation link is not valid any more. Ask for a new one.")

    monkeypatch.setattr(join_view.services, "invitation_redeem", refuse)
    response = client.post(url(token), NEWCOMER)
    assert response.status_code == 400
    assert "not valid any more" in page_text(response)
    assert not Person.objects.filter(handle="newcomer").exists()


def test_it_lets_a_logged_in_person_ask_to_join(outsider_client, outsider, committee, token):
    page = outsider_client.get(url(token))
    assert "Ask to join" in page_text(page)
    response = outsider_client.post(url(token))
    assert last_message(response) == "You have applied to join Heywood Bus Garage."
    assert outsider.memberships.get(committee=committee).status == MembershipStatus.APPLIED


def test_it_tells_a_member_they_are_already_in(member_client, committee, token):
    response = member_client.post(url(token))
    assert last_message(response) == "You are already in Heywood Bus Garage."
    assert uses_of(token) == 0


@pytest.mark.parametrize("problem", ["used up", "expired", "revoked", "unknown"])
def test_it_says_a_link_does_not_work_without_naming_the_committee(
    client, committee, chair, problem
):
    invitation, token = services.invitation_create(committee=committee, by=chair, max_uses=1)
    if problem == "used up":
        Invitation.objects.filter(pk=invitation.pk).update(use_count=1)
    elif problem == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
    elif problem == "revoked":
        services.invitation_revoke(invitation=invitation, by=chair)
    else:
        token = "x" * 32
    for method in ("get", "post"):
        response = getattr(client, method)(url(token), NEWCOMER)
        assert response.status_code == 404
        assert "This link does not work" in page_text(response)
        assert "Heywood" not in page_text(response)
    assert not Person.objects.filter(handle="newcomer").exists()


def test_it_admits_at_once_when_no_vouch_is_needed(client, committee, chair):
    services.committee_bylaws_update(committee=committee, by=chair, overrides={"vouches_needed": 0})
    client.post(url(make_invitation(committee)), NEWCOMER)
    assert Person.objects.get(handle="newcomer").memberships.get().status == "active"


def test_it_works_for_a_person_logged_in_elsewhere(client, token, outsider):
    response = logged_in(client, outsider).get(url(token))
    assert response.status_code == 200
    assert "Create my account" not in page_text(response)
