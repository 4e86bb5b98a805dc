"""Members check in with the code shown in the room (typed, or from the QR code)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from rankfile.meetings.models import Attendance
from tests.factories import last_message, page_text
from tests.meetings.helpers import make_closed_meeting, make_meeting


def url(meeting) -> str:
    return reverse("meetings:check_in", args=[meeting.pk])


def test_it_fills_in_the_code_from_the_qr_link(member_client, open_meeting):
    response = member_client.get(url(open_meeting) + f"?code={open_meeting.check_in_code}")
    assert response.status_code == 200
    assert f'value="{open_meeting.check_in_code}"' in response.content.decode()
    assert not Attendance.objects.exists()  # a GET changes nothing


def test_it_checks_the_member_in(member_client, open_meeting, member):
    response = member_client.post(url(open_meeting), {"code": open_meeting.check_in_code})
    assert response.status_code == 302
    assert last_message(response) == "You are checked in."
    assert Attendance.objects.filter(meeting=open_meeting, person=member).count() == 1


def test_it_refuses_a_wrong_code_with_the_reason(member_client, open_meeting):
    response = member_client.post(url(open_meeting), {"code": "AAAAAA"})
    assert response.status_code == 400
    assert "That is not this meeting's code." in page_text(response)
    assert not Attendance.objects.exists()


def test_it_refuses_the_code_of_another_meeting(member_client, committee, open_meeting):
    other = make_meeting(committee, starts_at=timezone.now())
    response = member_client.post(url(open_meeting), {"code": other.check_in_code})
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_it_keeps_one_attendance_when_the_member_checks_in_twice(
    member_client, open_meeting, member
):
    member_client.post(url(open_meeting), {"code": open_meeting.check_in_code})
    response = member_client.post(url(open_meeting), {"code": open_meeting.check_in_code})
    assert response.status_code == 302
    assert Attendance.objects.filter(meeting=open_meeting, person=member).count() == 1


def test_it_refuses_check_in_at_a_closed_meeting(member_client, committee):
    closed = make_closed_meeting(committee)
    response = member_client.post(url(closed), {"code": closed.check_in_code})
    assert response.status_code == 400
    assert "The meeting is closed." in page_text(response)


def test_it_answers_bad_input_with_the_form(member_client, open_meeting):
    for data in ({}, {"code": ""}, {"code": "x" * 500}, {"code": "\x00"}):
        assert member_client.post(url(open_meeting), data).status_code == 400
    assert not Attendance.objects.exists()


def test_it_lets_the_member_say_they_are_leaving(member_client, open_meeting, member):
    member_client.post(url(open_meeting), {"code": open_meeting.check_in_code})
    response = member_client.post(reverse("meetings:leave", args=[open_meeting.pk]))
    assert response.status_code == 302
    assert Attendance.objects.get(person=member).left_at is not None
    again = member_client.post(reverse("meetings:leave", args=[open_meeting.pk]))
    assert last_message(again) == "member is not checked in."
