"""The speakers' list: raise a hand, lower it, the chair calls the next speaker."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from rankfile.meetings.models import Speaker, SpeakerStatus
from tests.factories import last_message, logged_in, page_text
from tests.meetings.helpers import check_in


def test_it_puts_a_member_present_on_the_list(member_client, open_meeting, member):
    check_in(open_meeting, member)
    response = member_client.post(reverse("meetings:raise", args=[open_meeting.pk]))
    assert last_message(response) == "You are on the speakers' list."
    assert Speaker.objects.get(person=member).status == SpeakerStatus.WAITING


def test_it_explains_a_member_must_check_in_first(member_client, open_meeting):
    response = member_client.post(reverse("meetings:raise", args=[open_meeting.pk]))
    assert last_message(response).startswith("Check in first")
    assert not Speaker.objects.exists()
    text = page_text(member_client.get(reverse("meetings:detail", args=[open_meeting.pk])))
    assert "Check in first" in text


def test_it_gives_the_floor_and_shows_the_countdown(member_client, open_meeting, member, chair):
    chair_client = logged_in(Client(), chair)
    check_in(open_meeting, member)
    member_client.post(reverse("meetings:raise", args=[open_meeting.pk]))
    response = chair_client.post(reverse("meetings:next", args=[open_meeting.pk]))
    assert last_message(response) == "Next speaker."
    speaker = Speaker.objects.get(person=member)
    assert speaker.status == SpeakerStatus.SPEAKING
    html = member_client.get(
        reverse("meetings:live", args=[open_meeting.pk, "speakers"])
    ).content.decode()
    assert "data-countdown-ends=" in html and "data-server-now=" in html
    assert "I have finished" in html
    assert "since " in page_text(
        member_client.get(reverse("meetings:live", args=[open_meeting.pk, "speakers"]))
    )


def test_it_lets_a_member_lower_their_hand(member_client, open_meeting, member):
    check_in(open_meeting, member)
    member_client.post(reverse("meetings:raise", args=[open_meeting.pk]))
    member_client.post(reverse("meetings:lower", args=[open_meeting.pk]))
    assert Speaker.objects.get(person=member).status == SpeakerStatus.LOWERED


def test_it_lets_only_an_officer_take_someone_else_off(member_client, open_meeting, member, chair):
    chair_client = logged_in(Client(), chair)
    check_in(open_meeting, member, chair)
    chair_client.post(reverse("meetings:raise", args=[open_meeting.pk]))
    response = member_client.post(
        reverse("meetings:lower", args=[open_meeting.pk]), {"person": chair.pk}
    )
    assert response.status_code == 403
    member_client.post(reverse("meetings:raise", args=[open_meeting.pk]))
    chair_client.post(reverse("meetings:lower", args=[open_meeting.pk]), {"person": member.pk})
    assert Speaker.objects.get(person=member).status == SpeakerStatus.LOWERED


def test_it_never_fails_on_a_strange_person_field(chair_client, open_meeting):
    url = reverse("meetings:lower", args=[open_meeting.pk])
    assert chair_client.post(url, {"person": "abc"}).status_code == 404
    assert chair_client.post(url, {"person": "99999999"}).status_code == 404


def test_it_says_nobody_is_waiting(chair_client, open_meeting):
    response = chair_client.post(reverse("meetings:next", args=[open_meeting.pk]))
    assert last_message(response) == "Nobody is waiting to speak."


def test_it_refuses_the_list_before_the_meeting_opens(chair_client, meeting):
    response = chair_client.post(reverse("meetings:next", args=[meeting.pk]))
    assert last_message(response) == "The meeting has not started."
