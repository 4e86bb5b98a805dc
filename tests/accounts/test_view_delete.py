"""Deleting one's account: everything personal goes at once; the log stays, nameless."""

from __future__ import annotations

from django.urls import reverse

from rankfile.accounts.models import Person
from rankfile.committees.models import DelegateSeat, Membership
from tests.factories import (
    PASSWORD,
    active_count_in_database,
    last_message,
    logged_in,
    page_text,
)

URL = reverse("accounts:delete")


def test_it_asks_for_the_password(member_client):
    response = member_client.get(URL)
    assert response.status_code == 200
    assert "Your password, to confirm" in page_text(response)


def test_it_keeps_the_account_when_the_password_is_wrong(member_client, member):
    response = member_client.post(URL, {"password": "wrong"})
    assert response.status_code == 400
    assert "That is not your password." in page_text(response)
    assert Person.objects.filter(pk=member.pk).exists()


def test_it_erases_the_account_and_logs_out(client, committee, coordinating, delegate, chair):
    logged_in(client, delegate)
    response = client.post(URL, {"password": PASSWORD})
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:login"))
    assert last_message(response) == "Your account and your personal data are erased."
    assert not Person.objects.filter(handle="delegate").exists()
    assert not Membership.objects.filter(person_id=delegate.pk).exists()
    assert not DelegateSeat.objects.exists()
    for each in (committee, coordinating):
        each.refresh_from_db()
        assert each.active_member_count == active_count_in_database(each) == 1
    assert client.get(reverse("committees:mine")).status_code == 302


def test_it_leaves_the_log_readable_with_a_former_member(client, committee, delegate, chair):
    logged_in(client, delegate).post(URL, {"password": PASSWORD})
    text = page_text(
        logged_in(client, chair).get(reverse("committees:audit", args=[committee.slug]))
    )
    assert "chair gave a former member a delegate seat on Twin Cities Transit Workers" in text
    assert "a member erased their account" in text
    assert "delegate was admitted" not in text
