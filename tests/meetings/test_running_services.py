"""Running a meeting: lifecycle, check-in, quorum, speakers' list and agenda."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from rankfile.committees.services import membership_suspend
from rankfile.core.errors import RuleViolation
from rankfile.meetings import services
from rankfile.meetings.lifecycle import MeetingAction, meeting_refusal
from rankfile.meetings.models import Attendance, CheckInMethod, SpeakerStatus
from rankfile.meetings.quorum import meeting_quorum
from rankfile.meetings.selectors import meeting_present_person_ids, meeting_speakers
from tests.factories import make_members, set_bylaws
from tests.meetings.helpers import check_in, fresh, make_meeting

# --- lifecycle ---


def test_it_refuses_to_start_long_before_the_time_called(meeting, chair):
    with pytest.raises(RuleViolation) as refused:
        services.meeting_start(meeting=meeting, by=chair)
    assert "it can start from" in refused.value.message
    assert fresh(meeting).status == "scheduled"


def test_it_starts_half_an_hour_early_at_most(committee, chair):
    meeting = make_meeting(committee, starts_at=timezone.now() + timedelta(minutes=29))
    started = services.meeting_start(meeting=meeting, by=chair)
    assert started.status == "open"
    assert started.started_at is not None
    assert started.started_by == chair


def test_it_refuses_to_close_a_meeting_that_has_not_started(meeting, chair):
    with pytest.raises(RuleViolation) as refused:
        services.meeting_close(meeting=meeting, by=chair)
    assert refused.value.message == "The meeting has not started."


def test_it_closes_an_open_meeting_and_then_refuses_everything(open_meeting, chair, member):
    closed = services.meeting_close(meeting=open_meeting, by=chair)
    assert closed.status == "closed"
    assert closed.closed_at is not None
    for action in (MeetingAction.START, MeetingAction.CHECK_IN, MeetingAction.SPEAK):
        assert meeting_refusal(closed, action=action) == "The meeting is closed."
    with pytest.raises(RuleViolation):
        check_in(closed, member)


# --- check-in ---


def test_it_checks_in_with_the_code_in_any_case_and_spacing(open_meeting, member):
    typed = " ".join(open_meeting.check_in_code.lower())
    services.attendance_check_in(meeting=open_meeting, person=member, code=typed)
    attendance = Attendance.objects.get(meeting=open_meeting, person=member)
    assert attendance.method == CheckInMethod.CODE
    assert meeting_present_person_ids(meeting_id=open_meeting.pk) == {member.pk}


def test_it_refuses_a_wrong_code(open_meeting, member):
    wrong = "AAAAAA" if open_meeting.check_in_code != "AAAAAA" else "CCCCCC"
    with pytest.raises(RuleViolation) as refused:
        services.attendance_check_in(meeting=open_meeting, person=member, code=wrong)
    assert "not this meeting's code" in refused.value.message
    assert not Attendance.objects.exists()


def test_it_refuses_the_code_of_another_meeting(committee, open_meeting, member):
    other = make_meeting(committee, starts_at=timezone.now())
    with pytest.raises(RuleViolation):
        services.attendance_check_in(meeting=open_meeting, person=member, code=other.check_in_code)
    assert not Attendance.objects.exists()


def test_it_stops_guessing_after_ten_wrong_codes(open_meeting, member):
    for _attempt in range(10):
        with pytest.raises(RuleViolation):
            services.attendance_check_in(meeting=open_meeting, person=member, code="XXXXXX")
    with pytest.raises(RuleViolation) as refused:
        check_in(open_meeting, member)
    assert refused.value.message.startswith("Too many wrong codes.")


def test_it_keeps_one_attendance_when_checking_in_twice(open_meeting, member, secretary):
    check_in(open_meeting, member)
    check_in(open_meeting, member)
    services.attendance_check_in(meeting=open_meeting, person=member, by=secretary)
    assert Attendance.objects.filter(meeting=open_meeting, person=member).count() == 1


def test_it_lets_the_secretary_tick_a_member_in(open_meeting, member, secretary):
    services.attendance_check_in(meeting=open_meeting, person=member, by=secretary)
    attendance = Attendance.objects.get(meeting=open_meeting, person=member)
    assert attendance.method == CheckInMethod.SECRETARY
    assert attendance.checked_in_by == secretary


def test_it_refuses_to_check_in_someone_who_is_not_a_member(open_meeting, outsider, secretary):
    with pytest.raises(RuleViolation):
        services.attendance_check_in(meeting=open_meeting, person=outsider, by=secretary)
    assert not Attendance.objects.exists()


def test_it_opens_check_in_half_an_hour_before_the_time(meeting, member):
    with pytest.raises(RuleViolation) as refused:
        check_in(meeting, member)
    assert refused.value.message.startswith("Check-in opens at ")


def test_it_counts_who_left_out_and_back_in_again(open_meeting, member, chair):
    check_in(open_meeting, member)
    services.attendance_check_out(meeting=open_meeting, person=member, by=member)
    assert meeting_present_person_ids(meeting_id=open_meeting.pk) == set()
    check_in(open_meeting, member)
    assert meeting_present_person_ids(meeting_id=open_meeting.pk) == {member.pk}


def test_it_does_not_count_a_member_suspended_after_checking_in(
    committee, open_meeting, member, chair
):
    check_in(open_meeting, member)
    membership_suspend(membership=member.memberships.get(committee=committee), by=chair)
    assert meeting_present_person_ids(meeting_id=open_meeting.pk) == set()


# --- quorum ---


def test_it_says_the_quorum_is_not_reached_with_the_figures(committee, open_meeting):
    # 40 active members (chair and 39), 25 % => 10 needed; the minimum is 3.
    people = [m.person for m in make_members(committee, 39)]
    check_in(open_meeting, *people[:7])
    quorum = meeting_quorum(meeting=open_meeting)
    assert (quorum.present, quorum.needed, quorum.members) == (7, 10, 40)
    assert not quorum.is_reached
    assert quorum.refusal == "Quorum not reached: 7 of 10 present."


def test_it_reaches_the_quorum_at_exactly_the_number_needed(committee, open_meeting):
    people = [m.person for m in make_members(committee, 39)]
    check_in(open_meeting, *people[:10])
    quorum = meeting_quorum(meeting=open_meeting)
    assert quorum.is_reached
    assert quorum.refusal is None
    assert str(quorum) == "Quorum reached: 10 of 10 present."


def test_it_asks_at_least_the_minimum_in_a_small_committee(committee, open_meeting, member):
    set_bylaws(committee, quorum_minimum=3, quorum_percent=10)
    check_in(open_meeting, member)
    quorum = meeting_quorum(meeting=open_meeting)
    assert quorum.needed == 3
    assert quorum.refusal == "Quorum not reached: 1 of 3 present."


# --- speakers ---


def test_it_gives_the_floor_in_the_order_hands_were_raised(committee, open_meeting, chair):
    first, second, third = (m.person for m in make_members(committee, 3))
    check_in(open_meeting, first, second, third)
    base = timezone.now()
    services.speaker_raise(meeting=open_meeting, person=second, now=base)
    services.speaker_raise(meeting=open_meeting, person=first, now=base + timedelta(seconds=1))
    services.speaker_raise(meeting=open_meeting, person=third, now=base + timedelta(seconds=2))
    speaking, queue = meeting_speakers(meeting_id=open_meeting.pk)
    assert speaking is None
    assert [row.person for row in queue] == [second, first, third]

    assert services.speaker_next(meeting=open_meeting, by=chair).person == second
    services.speaker_lower(meeting=open_meeting, person=first, by=first)
    assert services.speaker_next(meeting=open_meeting, by=chair).person == third
    speaking, queue = meeting_speakers(meeting_id=open_meeting.pk)
    assert speaking is not None and speaking.person == third
    assert queue == []
    assert speaking.called_at is not None
    assert services.speaker_next(meeting=open_meeting, by=chair) is None  # ends the last turn
    with pytest.raises(RuleViolation) as refused:
        services.speaker_next(meeting=open_meeting, by=chair)
    assert refused.value.message == "Nobody is waiting to speak."


def test_it_refuses_a_hand_from_someone_not_checked_in(open_meeting, member):
    with pytest.raises(RuleViolation) as refused:
        services.speaker_raise(meeting=open_meeting, person=member)
    assert refused.value.message.startswith("Check in first")


def test_it_refuses_a_second_hand_from_the_same_person(open_meeting, member):
    check_in(open_meeting, member)
    services.speaker_raise(meeting=open_meeting, person=member)
    with pytest.raises(RuleViolation) as refused:
        services.speaker_raise(meeting=open_meeting, person=member)
    assert refused.value.message == "Your hand is already up."


def test_it_lets_a_speaker_raise_their_hand_again_after_speaking(open_meeting, member, chair):
    check_in(open_meeting, member)
    services.speaker_raise(meeting=open_meeting, person=member)
    services.speaker_next(meeting=open_meeting, by=chair)
    services.speaker_lower(meeting=open_meeting, person=member, by=member)  # finished
    services.speaker_raise(meeting=open_meeting, person=member)
    statuses = sorted(open_meeting.speakers.values_list("status", flat=True))
    assert statuses == [SpeakerStatus.DONE, SpeakerStatus.WAITING]


def test_it_refuses_the_speakers_list_before_the_meeting_starts(committee, member):
    meeting = make_meeting(committee, starts_at=timezone.now())
    check_in(meeting, member)
    with pytest.raises(RuleViolation) as refused:
        services.speaker_raise(meeting=meeting, person=member)
    assert refused.value.message == "The meeting has not started."


# --- agenda ---


def titles(meeting):
    return list(meeting.agenda_items.order_by("position").values_list("title", flat=True))


def test_it_moves_agenda_items_up_and_down(committee, chair):
    meeting = make_meeting(committee, agenda=["One", "Two", "Three"])
    two = meeting.agenda_items.get(title="Two")
    services.agenda_item_move(item=two, by=chair, direction="up")
    assert titles(meeting) == ["Two", "One", "Three"]
    services.agenda_item_move(item=two, by=chair, direction="down")
    services.agenda_item_move(item=two, by=chair, direction="down")
    assert titles(meeting) == ["One", "Three", "Two"]
    with pytest.raises(RuleViolation) as refused:
        services.agenda_item_move(item=two, by=chair, direction="down")
    assert refused.value.message == "It is already the last item."


def test_it_adds_and_removes_items(meeting, chair):
    item = services.agenda_item_add(meeting=meeting, by=chair, title="Strike fund")
    assert titles(meeting)[-1] == "Strike fund"
    services.agenda_item_remove(item=item, by=chair)
    assert "Strike fund" not in titles(meeting)
    services.agenda_item_add(meeting=meeting, by=chair, title="Last")
    first = meeting.agenda_items.order_by("position").first()
    services.agenda_item_move(item=first, by=chair, direction="down")
    assert titles(meeting) == ["Any other business", "Reports", "Last"]


def test_it_refuses_agenda_changes_once_closed(committee, chair):
    from tests.meetings.helpers import make_closed_meeting

    closed = make_closed_meeting(committee, agenda=["A", "B"])
    with pytest.raises(RuleViolation):
        services.agenda_item_add(meeting=closed, by=chair, title="Late")
    with pytest.raises(RuleViolation):
        services.agenda_item_move(item=closed.agenda_items.get(title="B"), by=chair, direction="up")
