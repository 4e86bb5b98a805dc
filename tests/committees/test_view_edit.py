"""Editing a committee's details: officers only."""

from __future__ import annotations

from django.urls import reverse

from rankfile.audit.models import AuditEvent
from tests.factories import page_text


def url(committee) -> str:
    return reverse("committees:edit", args=[committee.slug])


def details(**changes: str) -> dict[str, str]:
    return {
        "name": "Heywood Bus Garage",
        "sector": "transit",
        "region": "US/MN/Minneapolis",
        "workforce_estimate": "650",
        "description": "",
        **changes,
    }


def test_it_shows_the_current_details(chair_client, committee):
    response = chair_client.get(url(committee))
    assert response.status_code == 200
    assert 'value="Heywood Bus Garage"' in response.content.decode()
    assert 'value="650"' in response.content.decode()


def test_it_saves_the_details_and_logs_the_change(chair_client, committee, chair):
    response = chair_client.post(url(committee), details(workforce_estimate="700"))
    assert response.status_code == 302
    committee.refresh_from_db()
    assert committee.workforce_estimate == 700
    event = AuditEvent.objects.filter(committee=committee).latest("id")
    assert (event.verb, event.actor) == ("committee.workforce_changed", chair)


def test_it_refuses_an_empty_name_and_changes_nothing(chair_client, committee):
    response = chair_client.post(url(committee), details(name="", description="kept text"))
    assert response.status_code == 400
    assert "This field is required." in page_text(response)
    assert "kept text" in response.content.decode()
    committee.refresh_from_db()
    assert committee.name == "Heywood Bus Garage"
