"""Officers call a meeting from a form: the notice is enforced with its reason shown."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from rankfile.meetings.models import Meeting
from tests.factories import last_message, page_text


def url(committee) -> str:
    return reverse("meetings:call", args=[committee.slug])


def local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_it_shows_the_earliest_times_the_notice_allows(chair_client, committee):
    response = chair_client.get(url(committee))
    assert response.status_code == 200
    assert "a regular meeting can start at" in page_text(response)


def test_it_calls_the_meeting(chair_client, committee, chair):
    starts_at = timezone.now() + timedelta(days=5)
    response = chair_client.post(
        url(committee),
        {
            "kind": "regular",
            "title": "Monthly meeting",
            "starts_at": local(starts_at),
            "place": "Union hall",
            "online_link": "",
            "agenda": "Reports\n\nStrike fund\n",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert last_message(response) == "The meeting is called. The members are told."
    assert meeting.called_by == chair
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Reports", "Strike fund"]


def test_it_refuses_a_time_too_soon_and_keeps_what_was_typed(chair_client, committee):
    response = chair_client.post(
        url(committee),
        {
            "kind": "emergency",
            "title": "Raids tonight",
            "starts_at": local(timezone.now() + timedelta(minutes=30)),
            "place": "Back room",
        },
    )
    assert response.status_code == 400
    text = page_text(response)
    assert "An emergency meeting needs 2 hours' notice: the earliest is" in text
    assert 'value="Raids tonight"' in response.content.decode()
    assert 'value="Back room"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_it_answers_bad_input_with_the_form_and_never_500(chair_client, committee):
    for data in (
        {},
        {"kind": "weekly", "title": "x", "starts_at": "tomorrow"},
        {"kind": "regular", "title": "x" * 500, "starts_at": "2026-13-45T99:99"},
        {"kind": "regular", "title": "x", "starts_at": "9999-12-31T23:59"},
        {"kind": "regular", "title": "x", "starts_at": "2030-01-01T10:00", "online_link": "js:x"},
        {"kind": "regular", "title": "x", "starts_at": "2030-01-01T10:00", "agenda": "a" * 300},
    ):
        response = chair_client.post(url(committee), data)
        assert response.status_code == 400, data
    assert not Meeting.objects.exists()


def test_it_lets_a_secretary_call_a_meeting(secretary_client, committee):
    starts_at = timezone.now() + timedelta(days=5)
    response = secretary_client.post(
        url(committee), {"kind": "regular", "title": "Monthly", "starts_at": local(starts_at)}
    )
    assert response.status_code == 302
    assert Meeting.objects.count() == 1
