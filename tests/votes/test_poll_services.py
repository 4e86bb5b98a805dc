"""Preparing, opening and closing polls; the sentence for the minutes; live refreshes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from rankfile.audit.describe import describe_event
from rankfile.audit.models import AuditEvent
from rankfile.core.errors import RuleViolation
from rankfile.votes import live
from rankfile.votes.live import turnout_message
from rankfile.votes.models import Elector, PollBoard
from rankfile.votes.selectors import poll_result_summary, polls_of_meeting
from tests.factories import make_committee, make_member, make_person
from tests.meetings.helpers import check_in, make_open_meeting
from tests.votes.helpers import cast, close_poll, fresh, make_open_poll, make_poll, open_poll

pytestmark = pytest.mark.django_db


def test_it_gives_a_motion_yes_no_and_abstain(committee):
    poll = make_poll(committee, kind="motion")
    assert poll.method == "yesno" and poll.seats == 1
    assert list(poll.options.values_list("label", flat=True)) == ["yes", "no", "abstain"]


def test_it_gives_a_question_its_options_in_order(committee):
    poll = make_poll(committee, kind="question", options=[" Monday ", "Friday", ""])
    assert list(poll.options.values_list("label", "position")) == [("Monday", 1), ("Friday", 2)]
    assert poll.method == "plurality"


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"kind": "question", "options": ["Only one"]}, "at least two options"),
        ({"kind": "question", "options": ["A", "a"]}, "different"),
        ({"kind": "question", "options": ["A", "B", "C"], "method": "irv", "seats": 2}, "one seat"),
        ({"kind": "question", "options": ["A", "B"], "seats": 2}, "more options than places"),
        ({"kind": "question", "options": ["A", "B"], "method": "borda"}, "Unknown voting method"),
        ({"kind": "motion", "title": "  "}, "title"),
        ({"kind": "recall"}, "one delegate seat or one officer role"),
        ({"kind": "motion", "majority": "unanimous"}, "majority"),
    ],
)
def test_it_refuses_a_poll_that_cannot_be_counted_and_says_why(committee, fields, reason):
    with pytest.raises(RuleViolation, match=reason):
        make_poll(committee, **fields)


def test_it_refuses_a_closing_time_in_the_past(committee):
    with pytest.raises(RuleViolation, match="future"):
        make_poll(committee, closes_at=timezone.now() - timedelta(minutes=1))


def test_it_refuses_delegate_seats_on_a_committee_we_are_not_affiliated_to(committee):
    elsewhere = make_committee("coordinating", name="Elsewhere")
    with pytest.raises(RuleViolation, match="not a member committee"):
        make_poll(committee, kind="election", seat_parent=elsewhere)


def test_it_records_preparing_opening_and_closing_in_the_committee_log(committee, chair, member):
    poll = make_open_poll(committee, title="Strike on Monday")
    cast(poll, member, "yes")
    close_poll(poll)
    events = AuditEvent.objects.filter(verb__startswith="poll.").order_by("pk")
    assert [describe_event(e) for e in events] == [
        "chair prepared the vote “Strike on Monday”",
        "chair opened the vote “Strike on Monday”",
        "chair closed the vote “Strike on Monday”; its result is published",
    ]
    assert events.last().data["votes_cast"] == 1


def test_it_tells_the_electorate_when_an_asynchronous_vote_opens(
    committee, django_capture_on_commit_callbacks
):
    make_member(committee, make_person("reader", email="r@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        make_open_poll(committee, title="Overtime ban")
    assert [m.to for m in mail.outbox] == [["r@example.org"]]
    assert "Overtime ban" in mail.outbox[0].subject


def test_it_refuses_to_open_a_poll_twice(committee):
    poll = make_open_poll(committee)
    with pytest.raises(RuleViolation, match="already open"):
        open_poll(poll)
    assert Elector.objects.filter(poll=poll).count() == 1


def test_it_refuses_to_close_a_closed_poll_and_publishes_one_board(committee, member):
    poll = make_open_poll(committee)
    close_poll(poll)
    with pytest.raises(RuleViolation, match="already closed"):
        close_poll(poll)
    assert PollBoard.objects.filter(poll=poll).count() == 1


def test_it_refuses_to_close_a_draft(committee):
    with pytest.raises(RuleViolation, match="not opened yet"):
        close_poll(make_poll(committee))


def test_it_sums_up_a_motion_in_one_sentence(committee, chair, member, delegate):
    poll = make_open_poll(committee)
    assert poll_result_summary(poll) == "Voting is open."
    cast(poll, chair, "yes")
    cast(poll, member, "yes")
    cast(poll, delegate, "abstain")
    assert poll_result_summary(close_poll(poll)) == (
        "Adopted: 2 yes, 0 no, 1 abstain (simple majority)"
    )


def test_it_sums_up_a_rejected_two_thirds_motion(committee, chair, member, delegate):
    poll = make_open_poll(committee, majority="two_thirds")
    cast(poll, chair, "yes")
    cast(poll, member, "no")
    assert poll_result_summary(close_poll(poll)) == (
        "Rejected: 1 yes, 1 no, 0 abstain (two-thirds majority)"
    )


def test_it_refreshes_the_poll_page_live_on_open_and_close_and_sends_ballots_as_a_figure(
    committee, member, monkeypatch, django_capture_on_commit_callbacks
):
    sent: list[tuple[str, tuple[str, ...]]] = []
    figures: list[tuple[str, dict]] = []
    monkeypatch.setattr(
        "rankfile.votes.live.live_refresh", lambda group, *sections: sent.append((group, sections))
    )
    monkeypatch.setattr(
        "rankfile.votes.live.live_send", lambda group, message: figures.append((group, message))
    )
    poll = make_poll(committee)
    sent.clear()
    open_poll(poll)
    assert sent == [(f"poll-{poll.pk}", ("poll",))]
    with django_capture_on_commit_callbacks(execute=True):
        cast(poll, member, "yes")
    assert sent == [(f"poll-{poll.pk}", ("poll",))]  # a ballot refetches no section
    assert figures == [(f"poll-{poll.pk}", turnout_message(poll_id=poll.pk, votes_cast=1))]
    close_poll(poll)
    assert sent == [(f"poll-{poll.pk}", ("poll",))] * 2


def test_it_lists_a_meetings_polls_for_the_minutes(committee, chair, member):
    meeting = make_open_meeting(committee)
    check_in(meeting, chair, member)
    first = make_open_poll(committee, title="First", meeting=meeting)
    second = make_poll(committee, title="Second", meeting=meeting)
    make_poll(committee, title="Elsewhere")
    cast(first, member, "yes")
    listed = polls_of_meeting(meeting_id=meeting.pk)
    assert [(p.title, p.votes_cast) for p in listed] == [("First", 1), ("Second", 0)]
    assert fresh(second).meeting_id == meeting.pk


def test_it_also_refreshes_the_meeting_page_for_a_poll_held_in_a_meeting(
    committee, chair, monkeypatch
):
    meeting = make_open_meeting(committee)
    check_in(meeting, chair)
    sent: list[tuple[str, tuple[str, ...]]] = []
    monkeypatch.setattr(
        "rankfile.votes.live.live_refresh", lambda group, *sections: sent.append((group, sections))
    )
    poll = make_open_poll(committee, meeting=meeting)
    assert sent.count((f"meeting-{meeting.pk}", ("polls",))) == 2  # created, opened
    cast(poll, chair, "yes")
    close_poll(poll)
    # The meeting page shows no turnout: a ballot leaves it alone, the close refreshes it.
    assert sent.count((f"meeting-{meeting.pk}", ("polls",))) == 3


def test_it_gives_the_options_of_a_yes_no_poll_without_a_query(
    committee, django_assert_num_queries
):
    from rankfile.votes.models import PollOption
    from rankfile.votes.selectors import poll_options

    poll = make_poll(committee)
    stored = [(o.label, o.position) for o in PollOption.objects.filter(poll=poll)]
    with django_assert_num_queries(0):
        given = [(o.label, o.position) for o in poll_options(poll=poll)]
    assert given == stored


def test_it_sends_the_turnout_at_most_once_a_second_and_the_held_back_one_at_its_end(
    committee, chair, member, delegate, monkeypatch, django_capture_on_commit_callbacks
):
    figures: list[int] = []
    monkeypatch.setattr(
        "rankfile.votes.live.live_send",
        lambda group, message: figures.append(message["figures"][f"poll-{poll.pk}-cast"]),
    )
    later: list[tuple[float, Callable[[], None]]] = []

    class Timer:  # records the send held back to the end of the second instead of waiting
        def __init__(self, delay: float, function: Callable[[], None]) -> None:
            later.append((delay, function))
            self.daemon = False

        def start(self) -> None:
            pass

    monkeypatch.setattr("rankfile.votes.live.threading.Timer", Timer)
    clock = [1000.0]
    monkeypatch.setattr(live.turnout_throttle, "clock", lambda: clock[0])
    poll = make_open_poll(committee)
    with django_capture_on_commit_callbacks(execute=True):
        cast(poll, chair, "yes")
    clock[0] += 0.25
    with django_capture_on_commit_callbacks(execute=True):
        cast(poll, member, "yes")
        cast(poll, delegate, "no")
    assert figures == [1]  # the first at once; the next two wait for the end of the second
    assert [delay for delay, _send in later] == [0.75]  # one send for both
    clock[0] += 0.75
    later[0][1]()
    assert figures == [1, 3]
