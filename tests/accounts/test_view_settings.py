"""Account settings: contact details (encrypted) and language."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import last_message, page_text

URL = reverse("accounts:settings")


def test_it_shows_the_person_their_own_details(member_client, member):
    member.phone = "+1 612 555 0100"
    member.save()
    response = member_client.get(URL)
    assert response.status_code == 200
    assert 'value="+1 612 555 0100"' in response.content.decode()
    assert "You are member to other members." in page_text(response)


def test_it_saves_the_details_and_the_language(member_client, member):
    response = member_client.post(
        URL, {"email": "m@example.org", "real_name": "Ma", "phone": "", "language": "es"}
    )
    assert (response.status_code, response["Location"]) == (302, URL)
    assert last_message(response) == "Saved."
    assert response.cookies["django_language"].value == "es"
    member.refresh_from_db()
    assert (member.email, member.real_name, member.language) == ("m@example.org", "Ma", "es")


def test_it_refuses_a_malformed_email_and_keeps_the_rest(member_client, member):
    response = member_client.post(
        URL, {"email": "not-an-email", "real_name": "Kept Name", "phone": "", "language": ""}
    )
    assert response.status_code == 400
    assert "Enter a valid email address." in page_text(response)
    assert 'value="Kept Name"' in response.content.decode()
    member.refresh_from_db()
    assert member.real_name == ""
