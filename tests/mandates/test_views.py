"""The mandates pages as members and delegates use them."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rankfile.mandates.models import ReportBack
from rankfile.meetings.models import Meeting
from rankfile.motions.models import Motion, MotionKind
from tests.factories import count_rows, last_message, logged_in, page_text
from tests.mandates.helpers import (
    PARENT_MOTION,
    close_parent_meeting_after_a_vote,
    parent_meeting_with_motion,
)
from tests.motions.helpers import make_motion_on_agenda

# Session, person, membership; coming up: the seats above, motions, polls, mandates; the
# delegates' votes: their seats, the closed roll-call polls (none yet); the report-backs.
PAGE_QUERIES = 10


def test_the_coming_up_page_lists_what_the_delegates_will_vote_on(
    client, committee, coordinating, delegate, member
):
    _meeting, motion = parent_meeting_with_motion(coordinating)
    response = logged_in(client, member).get(reverse("mandates:coming_up", args=[committee.slug]))
    text = page_text(response)
    assert PARENT_MOTION in text
    assert f"coming up at {coordinating.name}" in text
    assert motion.text in text
    assert "Union hall" not in text  # where the committee above meets stays its own


def test_the_committee_home_shows_what_is_coming_up(
    client, committee, coordinating, delegate, member
):
    parent_meeting_with_motion(coordinating)
    response = logged_in(client, member).get(reverse("committees:detail", args=[committee.slug]))
    assert f"coming up at {coordinating.name}" in page_text(response)


def test_moving_a_mandate_goes_straight_to_its_motion(
    client, committee, coordinating, delegate, member
):
    _meeting, motion = parent_meeting_with_motion(coordinating)
    response = logged_in(client, member).post(
        reverse("mandates:propose", args=[committee.slug]),
        {"target": f"motion:{motion.pk}", "position": "no"},
    )
    mandate_motion = Motion.objects.get(committee=committee, kind=MotionKind.MANDATE)
    assert response.status_code == 302
    assert response["Location"] == reverse("motions:detail", args=[mandate_motion.pk])
    assert mandate_motion.effect["position"] == "no"


def test_a_mandate_with_bad_input_is_refused_with_the_reason(
    client, committee, coordinating, delegate, member
):
    _meeting, motion = parent_meeting_with_motion(coordinating)
    before = count_rows(Motion)
    response = logged_in(client, member).post(
        reverse("mandates:propose", args=[committee.slug]),
        {"target": f"motion:{motion.pk}; drop table", "position": "no"},
        follow=True,
    )
    assert last_message(response) == "Choose how the delegates are to vote."
    assert count_rows(Motion) == before


def test_the_home_page_shows_a_delegate_vote_against_the_mandate(
    client, committee, coordinating, delegate, member
):
    close_parent_meeting_after_a_vote(committee, coordinating, delegate, member)
    response = logged_in(client, member).get(reverse("committees:detail", args=[committee.slug]))
    text = page_text(response)
    assert "voted no; mandate was yes" in text
    assert "against the mandate" in text


def test_a_delegate_writes_the_report_from_the_committee_page(
    client, committee, coordinating, delegate, member
):
    close_parent_meeting_after_a_vote(committee, coordinating, delegate, member)
    report = ReportBack.objects.get()
    url = reverse("mandates:report_back", args=[committee.slug, report.pk])
    response = logged_in(client, delegate).post(url, {"report": "We argued for the fund."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.report == "We argued for the fund."
    assert "We argued for the fund." in page_text(logged_in(client, member).get(url))


def test_an_empty_report_shows_what_is_wrong(client, committee, coordinating, delegate, member):
    close_parent_meeting_after_a_vote(committee, coordinating, delegate, member)
    report = ReportBack.objects.get()
    url = reverse("mandates:report_back", args=[committee.slug, report.pk])
    response = logged_in(client, delegate).post(url, {"report": ""})
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.report == ""


def test_the_coming_up_page_takes_the_same_queries_for_one_motion_or_five(
    client, committee, coordinating, delegate, member
):
    meeting, _motion = parent_meeting_with_motion(coordinating)
    url = reverse("mandates:coming_up", args=[committee.slug])
    member_client = logged_in(client, member)
    with CaptureQueriesContext(connection) as one:
        member_client.get(url)
    for n in range(4):
        make_motion_on_agenda(coordinating, meeting, title=f"Motion {n}")
    with CaptureQueriesContext(connection) as five:
        response = member_client.get(url)
    assert page_text(response).count("coming up at") == 5
    assert len(five) == len(one) == PAGE_QUERIES, [q["sql"] for q in five.captured_queries]


def test_the_delegates_votes_take_the_same_queries_for_one_vote_or_three(
    client, committee, coordinating, delegate, member
):
    from tests.mandates.helpers import delegates_vote

    meeting, motion = parent_meeting_with_motion(coordinating)
    others = [make_motion_on_agenda(coordinating, meeting, title=f"Motion {n}") for n in range(2)]
    make_motion_on_agenda(coordinating, meeting, title="Still coming up")
    delegates_vote(meeting, motion, {delegate: "no"})
    url = reverse("mandates:coming_up", args=[committee.slug])
    member_client = logged_in(client, member)
    with CaptureQueriesContext(connection) as one:
        member_client.get(url)
    for other in others:
        delegates_vote(Meeting.objects.get(pk=meeting.pk), other, {delegate: "yes"})
    with CaptureQueriesContext(connection) as three:
        response = member_client.get(url)
    assert page_text(response).count(f"({coordinating.name}) voted ") == 3
    # The votes add at most electors, roll-call ballots and mandates, whatever their number.
    assert len(three) == len(one) == PAGE_QUERIES + 3
