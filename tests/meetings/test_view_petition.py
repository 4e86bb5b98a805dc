"""Members petition for an emergency meeting; the share the bylaws set calls it."""

from __future__ import annotations

from django.urls import reverse

from rankfile.meetings.models import Meeting, Petition
from tests.factories import last_message, logged_in, make_members, page_text, set_bylaws


def test_it_opens_a_petition_signed_by_its_opener(member_client, committee):
    set_bylaws(committee, emergency_petition_percent=100)
    response = member_client.post(
        reverse("meetings:petition_open", args=[committee.slug]), {"reason": "The heat"}
    )
    assert last_message(response) == "The petition is open and carries your signature."
    petition = Petition.objects.get()
    assert petition.signature_count == 1
    text = page_text(member_client.get(reverse("meetings:list", args=[committee.slug])))
    assert "1 of 2 signatures" in text
    assert "You have signed." in text


def test_it_calls_the_meeting_at_the_last_signature(client, committee, member, chair):
    set_bylaws(committee, emergency_petition_percent=100)
    logged_in(client, member).post(
        reverse("meetings:petition_open", args=[committee.slug]), {"reason": "The heat"}
    )
    petition = Petition.objects.get()
    response = logged_in(client, chair).post(reverse("meetings:petition_sign", args=[petition.pk]))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.kind == "emergency" and meeting.called_by is None


def test_it_refuses_to_sign_twice(member_client, committee):
    make_members(committee, 3)
    set_bylaws(committee, emergency_petition_percent=100)
    member_client.post(reverse("meetings:petition_open", args=[committee.slug]), {"reason": "x"})
    petition = Petition.objects.get()
    response = member_client.post(reverse("meetings:petition_sign", args=[petition.pk]))
    assert last_message(response) == "You have already signed this petition."


def test_it_refuses_an_empty_reason(member_client, committee):
    response = member_client.post(
        reverse("meetings:petition_open", args=[committee.slug]), {"reason": ""}
    )
    assert last_message(response).startswith("Say why the members must meet")
    assert not Petition.objects.exists()
