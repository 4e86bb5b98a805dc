"""The secretary ticks in members who cannot use the code."""

from __future__ import annotations

from django.urls import reverse

from rankfile.meetings.models import Attendance, CheckInMethod
from rankfile.meetings.selectors import meeting_present_person_ids
from tests.factories import last_message, page_text


def test_it_lists_the_members_to_tick(secretary_client, open_meeting, member):
    response = secretary_client.get(reverse("meetings:attendance", args=[open_meeting.pk]))
    assert response.status_code == 200
    assert "member" in page_text(response)


def test_it_ticks_a_member_in_and_out(secretary_client, secretary, open_meeting, member):
    response = secretary_client.post(reverse("meetings:tick", args=[open_meeting.pk, member.pk]))
    assert response["Location"] == reverse("meetings:attendance", args=[open_meeting.pk])
    assert last_message(response) == "member is checked in."
    attendance = Attendance.objects.get(meeting=open_meeting, person=member)
    assert (attendance.method, attendance.checked_in_by) == (CheckInMethod.SECRETARY, secretary)
    secretary_client.post(reverse("meetings:untick", args=[open_meeting.pk, member.pk]))
    assert meeting_present_person_ids(meeting_id=open_meeting.pk) == set()


def test_it_answers_404_for_someone_who_is_not_a_member(secretary_client, open_meeting, outsider):
    response = secretary_client.post(reverse("meetings:tick", args=[open_meeting.pk, outsider.pk]))
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_it_explains_that_check_in_is_not_open_yet(secretary_client, meeting, member):
    response = secretary_client.post(reverse("meetings:tick", args=[meeting.pk, member.pk]))
    assert last_message(response).startswith("Check-in opens at ")
    assert not Attendance.objects.exists()
