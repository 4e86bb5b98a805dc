"""Minutes: generated from what happened, approved at a later meeting, published, printable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rankfile.audit.models import AuditEvent
from rankfile.core.errors import RuleViolation
from rankfile.meetings import services
from rankfile.meetings.models import AgendaItemKind, MinutesStatus
from rankfile.motions import services as motion_services
from rankfile.motions.models import Motion, MotionKind, MotionStatus
from rankfile.votes.services import ballot_cast, nomination_create, poll_close, poll_create_election
from rankfile.votes.services import poll_open as open_poll
from tests.factories import last_message, make_members, page_text
from tests.meetings.helpers import check_in, fresh, make_closed_meeting, make_meeting
from tests.motions.helpers import adopt_in_meeting, make_motion_on_agenda, vote_and_close


def test_it_writes_minutes_only_once_the_meeting_is_closed(open_meeting, chair):
    with pytest.raises(RuleViolation) as refused:
        services.minutes_generate(meeting=open_meeting, by=chair)
    assert refused.value.message == "Minutes are written once the meeting is closed."


def test_it_records_the_attendance_and_the_notes(committee, open_meeting, chair, member):
    check_in(open_meeting, chair, member)
    services.attendance_check_out(meeting=open_meeting, person=member, by=member)
    services.meeting_notes_update(meeting=open_meeting, by=chair, notes="Heat reported.")
    services.meeting_close(meeting=open_meeting, by=chair)
    minutes = services.minutes_generate(meeting=open_meeting, by=chair)
    # Everyone who checked in attended, including who left before the end.
    assert minutes.content["attendance"] == 2
    assert minutes.content["notes"] == "Heat reported."
    assert minutes.content["agenda"] == [{"title": "Reports", "kind": "item"}]
    assert minutes.status == MinutesStatus.DRAFT


def test_it_records_each_motion_amendment_and_election_with_its_result(
    committee, open_meeting, chair, member
):
    people = [m.person for m in make_members(committee, 3)]
    check_in(open_meeting, chair, member, *people)
    motion = make_motion_on_agenda(committee, open_meeting, demands=["Higher wages"])
    amendment = motion_services.amendment_propose(
        motion=motion, by=member, kind="replace", target_text="higher wages", new_text="a raise"
    )
    motion_services.motion_second(motion=amendment, by=people[0])
    motion_services.motion_put_to_vote(motion=amendment, by=chair)
    vote_and_close(amendment, yes=people, no=[member])
    motion_services.motion_put_to_vote(motion=motion, by=chair)
    vote_and_close(motion, yes=[chair, member, *people])

    election = poll_create_election(
        committee=committee,
        by=chair,
        title="Secretary",
        method="plurality",
        meeting=open_meeting,
    )
    nomination_create(poll=election, person=member, by=member)
    open_poll(poll=election, by=chair)
    for person in people:
        ballot_cast(poll=election, voter=person, content="o1")
    poll_close(poll=election, by=chair)

    services.meeting_close(meeting=open_meeting, by=chair)
    minutes = services.minutes_generate(meeting=open_meeting, by=chair)
    content = minutes.content
    assert content["attendance"] == 5
    [recorded] = content["motions"]
    assert recorded["title"] == "Wages"
    assert recorded["status"] == "adopted"
    assert recorded["resolution_number"] == 1
    assert recorded["text"] == "The committee demands a raise for every driver."
    assert recorded["demands"] == ["Higher wages"]
    assert recorded["result"].startswith("Adopted: 5 yes, 0 no, 0 abstain")
    [change] = recorded["amendments"]
    assert (change["kind"], change["status"]) == ("replace", "adopted")
    assert change["result"].startswith("Adopted: 3 yes, 1 no")
    assert content["polls"] == [{"title": "Secretary", "summary": content["polls"][0]["summary"]}]
    assert content["polls"][0]["summary"].startswith("Elected: member")

    text = page_text(_client_for(chair).get(reverse("meetings:minutes", args=[open_meeting.pk])))
    assert "5 members attended" in text
    assert "Wages · Adopted · resolution no. 1" in text
    assert "Elected: member" in text


def _client_for(person):
    from django.test import Client

    from tests.factories import logged_in

    return logged_in(Client(), person)


def test_it_shows_draft_minutes_to_every_member_marked_as_a_draft(committee, chair, member_client):
    closed = make_closed_meeting(committee)
    services.minutes_generate(meeting=closed, by=chair)
    url = reverse("meetings:minutes", args=[closed.pk])
    text = page_text(member_client.get(url))
    assert "Draft: not yet approved." in text
    assert "Propose that the members approve them" in text
    assert _client_for(chair).get(url).status_code == 200
    listing = page_text(member_client.get(reverse("meetings:list", args=[committee.slug])))
    assert "Minutes draft" in listing


def test_it_approves_minutes_at_a_later_meeting_then_publishes_them(
    committee, chair, member, chair_client
):
    first = make_closed_meeting(committee, title="March")
    minutes = services.minutes_generate(meeting=first, by=chair)

    with pytest.raises(RuleViolation) as refused:
        services.minutes_approve(minutes=minutes, in_meeting=first, by=chair)
    assert refused.value.message == "Minutes are approved at a later meeting of the committee."

    with pytest.raises(RuleViolation) as refused:
        services.minutes_publish(minutes=minutes, by=chair)
    assert refused.value.message.startswith("The minutes must be approved")

    later = make_meeting(committee, title="April", starts_at=timezone.now() + timedelta(days=1))
    # Calling the next meeting put the approval on its agenda.
    item = later.agenda_items.get(kind=AgendaItemKind.MINUTES)
    assert item.minutes == minutes
    with pytest.raises(RuleViolation) as refused:
        services.minutes_approve(minutes=minutes, in_meeting=later, by=chair)
    assert refused.value.message == "Minutes are approved while that meeting is in progress."

    later = make_meeting(committee, title="May", starts_at=timezone.now())
    services.meeting_start(meeting=later, by=chair)
    text = page_text(chair_client.get(reverse("meetings:detail", args=[later.pk])))
    assert "Minutes awaiting approval" in text
    approve = reverse("meetings:minutes_approve", args=[later.pk, minutes.pk])
    check_in(later, chair, member)
    response = chair_client.post(approve)
    assert last_message(response) == (
        "Only a meeting with its quorum approves minutes. Quorum not reached: 2 of 3 present."
    )
    assert fresh_minutes(minutes).status == MinutesStatus.DRAFT
    check_in(later, *(m.person for m in make_members(committee, 1)))
    response = chair_client.post(approve)
    assert last_message(response) == "The minutes are approved."
    minutes.refresh_from_db()
    assert (minutes.status, minutes.approved_in) == (MinutesStatus.APPROVED, later)

    with pytest.raises(RuleViolation):
        services.meeting_notes_update(meeting=first, by=chair, notes="rewritten")
    with pytest.raises(RuleViolation):
        services.minutes_generate(meeting=first, by=chair)

    response = chair_client.post(reverse("meetings:minutes_publish", args=[first.pk]))
    assert last_message(response) == "The minutes are published to the members."
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.PUBLISHED
    page = _client_for(member).get(reverse("meetings:minutes", args=[first.pk]))
    assert page.status_code == 200
    assert "approved at “May”" in page_text(page)


def fresh_minutes(minutes):
    return type(minutes).objects.get(pk=minutes.pk)


def test_it_refuses_the_approval_at_a_meeting_with_nobody_present_and_changes_nothing(
    committee, chair, chair_client
):
    minutes = services.minutes_generate(meeting=make_closed_meeting(committee), by=chair)
    later = services.meeting_start(
        meeting=make_meeting(committee, title="May", starts_at=timezone.now()), by=chair
    )
    events = AuditEvent.objects.count()
    response = chair_client.post(reverse("meetings:minutes_approve", args=[later.pk, minutes.pk]))
    assert last_message(response) == (
        "Only a meeting with its quorum approves minutes. Quorum not reached: 0 of 3 present."
    )
    minutes = fresh_minutes(minutes)
    assert (minutes.status, minutes.approved_in) == (MinutesStatus.DRAFT, None)
    assert AuditEvent.objects.count() == events


def test_a_member_proposes_the_approval_and_the_members_adopt_it(committee, chair, member):
    minutes = services.minutes_generate(meeting=make_closed_meeting(committee), by=chair)
    response = _client_for(member).post(
        reverse("meetings:minutes_propose", args=[minutes.meeting_id])
    )
    motion = Motion.objects.get(kind=MotionKind.MINUTES)
    assert response["Location"] == reverse("motions:detail", args=[motion.pk])
    assert fresh_minutes(minutes).status == MinutesStatus.DRAFT
    motion = adopt_in_meeting(motion)
    assert motion.status == MotionStatus.ADOPTED
    minutes = fresh_minutes(minutes)
    assert (minutes.status, minutes.approved_in) == (MinutesStatus.APPROVED, None)
    assert AuditEvent.objects.filter(verb="minutes.approved_by_motion").exists()


def test_minutes_written_again_after_the_motion_are_not_approved_by_it(committee, chair, member):
    meeting = make_closed_meeting(committee)
    minutes = services.minutes_generate(meeting=meeting, by=chair)
    _client_for(member).post(reverse("meetings:minutes_propose", args=[meeting.pk]))
    services.minutes_generate(meeting=meeting, by=chair)
    adopt_in_meeting(Motion.objects.get(kind=MotionKind.MINUTES))
    assert fresh_minutes(minutes).status == MinutesStatus.DRAFT
    refused = AuditEvent.objects.get(verb="motion.not_applied")
    assert refused.data["reason"].startswith("The minutes were written again after this motion")


def test_it_prints_without_menus_or_buttons(committee, chair, chair_client):
    closed = make_closed_meeting(committee)
    services.minutes_generate(meeting=closed, by=chair)
    html = chair_client.get(reverse("meetings:minutes", args=[closed.pk])).content.decode()
    assert 'class="minutes"' in html
    from pathlib import Path

    import rankfile

    css = (Path(rankfile.__file__).parent / "static/css/rankfile.css").read_text()
    assert "@media print" in css[css.index("--- meetings and motions") :]


def test_it_writes_the_minutes_from_the_meeting_page(chair_client, committee, chair):
    closed = make_closed_meeting(committee)
    response = chair_client.post(reverse("meetings:minutes_generate", args=[closed.pk]))
    assert response["Location"] == reverse("meetings:minutes", args=[closed.pk])
    assert fresh(closed).minutes.status == MinutesStatus.DRAFT


def test_it_refuses_to_publish_minutes_that_do_not_exist(chair_client, open_meeting):
    response = chair_client.post(reverse("meetings:minutes_publish", args=[open_meeting.pk]))
    assert response.status_code == 404
