"""After a meeting above closes, each committee that sends delegates gets a report-back on the
agenda of its next meeting, and its minutes record it."""

from __future__ import annotations

import pytest

from rankfile.audit.models import AuditEvent
from rankfile.core.errors import RuleViolation
from rankfile.mandates import services
from rankfile.mandates.models import ReportBack
from rankfile.meetings.models import AgendaItemKind
from rankfile.meetings.services import meeting_close, minutes_generate
from tests.factories import chair_of, make_committee, make_member, make_person, make_seat
from tests.mandates.helpers import (
    PARENT_MOTION,
    check_in_everyone,
    close_parent_meeting_after_a_vote,
)
from tests.meetings.helpers import make_meeting, make_open_meeting


def test_closing_a_meeting_above_puts_a_report_back_on_the_next_meeting_of_each_committee(
    committee, coordinating, delegate, member
):
    upcoming = make_meeting(committee, title="Next monthly meeting")
    parent_meeting = close_parent_meeting_after_a_vote(committee, coordinating, delegate, member)
    report = ReportBack.objects.get(committee=committee)
    assert report.parent_meeting == parent_meeting
    assert report.agenda_item.meeting == upcoming
    assert report.agenda_item.kind == AgendaItemKind.REPORT_BACK
    assert coordinating.name in report.agenda_item.title
    decisions = report.content["decisions"]
    assert [(d["title"], d["status"]) for d in decisions] == [(PARENT_MOTION, "rejected")]
    assert report.content["votes"] == [
        {"title": PARENT_MOTION, "handle": "delegate", "vote": "no", "mandate": "yes",
         "against": True}
    ]  # fmt: skip
    assert AuditEvent.objects.filter(verb="report_back.received", committee=committee).exists()


def test_a_committee_that_sends_no_delegate_gets_no_report_back(
    committee, coordinating, delegate, member
):
    other = make_committee(by=make_person("other-chair"), name="Depot", parent=coordinating)
    close_parent_meeting_after_a_vote(committee, coordinating, delegate, member)
    assert not ReportBack.objects.filter(committee=other).exists()


def test_a_report_back_waits_for_the_next_meeting_to_be_called(
    committee, coordinating, delegate, member
):
    close_parent_meeting_after_a_vote(committee, coordinating, delegate, member)
    report = ReportBack.objects.get(committee=committee)
    # The mandate meeting was closed already: nothing scheduled, so it waits.
    assert report.agenda_item is None
    called = make_meeting(committee, title="Called later")
    report.refresh_from_db()
    assert report.agenda_item.meeting == called
    assert list(called.agenda_items.values_list("kind", flat=True)).count("report_back") == 1


def test_the_minutes_of_the_meeting_that_heard_it_record_the_report_back(
    committee, coordinating, delegate, member
):
    close_parent_meeting_after_a_vote(committee, coordinating, delegate, member)
    services.report_back_write(
        report_back=ReportBack.objects.get(),
        by=delegate,
        text="I voted no: the fund is empty.",
    )
    heard = make_open_meeting(committee, title="Report meeting")
    check_in_everyone(heard)
    meeting_close(meeting=heard, by=chair_of(committee))
    minutes = minutes_generate(meeting=heard, by=chair_of(committee))
    [item] = [i for i in minutes.content["agenda"] if i["kind"] == "report_back"]
    assert item["detail"]["report"] == "I voted no: the fund is empty."
    assert item["detail"]["votes"][0]["against"] is True


def test_a_delegate_writes_the_report_and_it_reaches_the_agenda(
    committee, coordinating, delegate, member
):
    make_meeting(committee)
    close_parent_meeting_after_a_vote(committee, coordinating, delegate, member)
    report = services.report_back_write(
        report_back=ReportBack.objects.get(), by=delegate, text="  We lost the vote.  "
    )
    assert (report.report, report.report_by) == ("We lost the vote.", delegate)
    assert report.agenda_item.detail["report"] == "We lost the vote."
    assert AuditEvent.objects.filter(verb="report_back.written", actor=delegate).exists()


def test_only_a_delegate_writes_the_report(committee, coordinating, delegate, member):
    close_parent_meeting_after_a_vote(committee, coordinating, delegate, member)
    report = ReportBack.objects.get()
    with pytest.raises(RuleViolation, match="Only the delegates who sat at"):
        services.report_back_write(report_back=report, by=member, text="My version")
    report.refresh_from_db()
    assert report.report == ""


def test_the_report_is_closed_once_the_meeting_that_heard_it_is_over(
    committee, coordinating, delegate, member
):
    close_parent_meeting_after_a_vote(committee, coordinating, delegate, member)
    heard = make_open_meeting(committee, title="Report meeting")
    meeting_close(meeting=heard, by=chair_of(committee))
    report = ReportBack.objects.get()
    with pytest.raises(RuleViolation, match="meeting that heard this report-back is over"):
        services.report_back_write(report_back=report, by=delegate, text="Too late")
    report.refresh_from_db()
    assert report.report == ""


def test_a_delegate_of_another_committee_does_not_write_this_one(
    committee, coordinating, delegate, member
):
    other = make_committee(by=make_person("other-chair"), name="Depot", parent=coordinating)
    someone = make_member(other).person
    make_seat(other, coordinating, someone)
    close_parent_meeting_after_a_vote(committee, coordinating, delegate, member)
    report = ReportBack.objects.get(committee=committee)
    with pytest.raises(RuleViolation, match="Only the delegates who sat at"):
        services.report_back_write(report_back=report, by=someone, text="Not mine")
