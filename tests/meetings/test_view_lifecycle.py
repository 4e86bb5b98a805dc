"""Officers open and close a meeting; each refusal says why."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.factories import last_message
from tests.meetings.helpers import fresh, make_meeting


def test_it_opens_the_meeting(chair_client, committee):
    meeting = make_meeting(committee, starts_at=timezone.now() + timedelta(minutes=10))
    response = chair_client.post(reverse("meetings:start", args=[meeting.pk]))
    assert response.status_code == 302
    assert last_message(response) == "The meeting is open."
    assert fresh(meeting).status == "open"


def test_it_explains_that_it_is_too_early_to_open(chair_client, meeting):
    response = chair_client.post(reverse("meetings:start", args=[meeting.pk]))
    assert "it can start from" in last_message(response)
    assert fresh(meeting).status == "scheduled"


def test_it_closes_the_meeting(secretary_client, open_meeting):
    response = secretary_client.post(
        reverse("meetings:close", args=[open_meeting.pk]), {"confirmed": "yes"}
    )
    assert last_message(response) == "The meeting is closed."
    assert fresh(open_meeting).status == "closed"


def test_it_refuses_to_close_a_meeting_that_has_not_started(chair_client, meeting):
    response = chair_client.post(reverse("meetings:close", args=[meeting.pk]), {"confirmed": "yes"})
    assert last_message(response) == "The meeting has not started."
    assert fresh(meeting).status == "scheduled"


def test_it_refuses_to_open_a_closed_meeting(chair_client, open_meeting):
    chair_client.post(reverse("meetings:close", args=[open_meeting.pk]), {"confirmed": "yes"})
    response = chair_client.post(reverse("meetings:start", args=[open_meeting.pk]))
    assert last_message(response) == "The meeting is closed."


def test_it_saves_the_place_and_the_speaking_time(chair_client, meeting):
    url = reverse("meetings:details", args=[meeting.pk])
    assert chair_client.get(url).status_code == 200
    response = chair_client.post(
        url,
        {"place": "Room 5", "online_link": "https://meet.example.org/x", "speaker_seconds": 120},
    )
    assert response.status_code == 302
    meeting = fresh(meeting)
    assert (meeting.place, meeting.speaker_seconds) == ("Room 5", 120)


def test_it_keeps_bad_details_in_the_form(chair_client, meeting):
    url = reverse("meetings:details", args=[meeting.pk])
    response = chair_client.post(url, {"place": "Room 5", "speaker_seconds": "1"})
    assert response.status_code == 400
    assert 'value="Room 5"' in response.content.decode()
    assert fresh(meeting).place == "Union hall, room 2"


def test_it_saves_the_notes(secretary_client, open_meeting):
    url = reverse("meetings:notes", args=[open_meeting.pk])
    response = secretary_client.post(url, {"notes": "Ana reported on the heat."})
    assert response.status_code == 302
    assert fresh(open_meeting).notes == "Ana reported on the heat."


def test_it_shows_the_code_and_its_qr_code_in_the_room(chair_client, meeting):
    response = chair_client.get(reverse("meetings:room", args=[meeting.pk]))
    html = response.content.decode()
    assert meeting.check_in_code in html
    assert '<svg viewBox="' in html and 'class="qr"' in html
    assert f"/meetings/{meeting.pk}/check-in/?code={meeting.check_in_code}" in html


def test_it_renews_the_code(chair_client, meeting):
    old = meeting.check_in_code
    response = chair_client.post(reverse("meetings:code_renew", args=[meeting.pk]))
    assert response["Location"] == reverse("meetings:room", args=[meeting.pk])
    assert fresh(meeting).check_in_code != old


def test_it_asks_for_confirmation_before_closing_the_meeting(chair_client, open_meeting):
    response = chair_client.post(reverse("meetings:close", args=[open_meeting.pk]))
    assert response.status_code == 200
    assert "No vote of this meeting is open." in response.content.decode()
    open_meeting.refresh_from_db()
    assert open_meeting.status == "open"
