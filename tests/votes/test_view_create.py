"""Preparing a vote (officers)."""

from __future__ import annotations

from django.urls import reverse

from rankfile.votes.models import Poll
from tests.factories import page_text
from tests.meetings.helpers import make_meeting


def url(committee) -> str:
    return reverse("votes:create", args=[committee.slug])


FORM = {
    "kind": "question",
    "title": "Which day do we strike?",
    "options": "Monday\nFriday\n",
    "method": "",
    "seats": "1",
    "majority": "simple",
    "is_secret": "on",
    "closes_at": "",
    "target": "",
}


def test_it_prepares_a_question_and_goes_to_it(chair_client, committee):
    response = chair_client.post(url(committee), FORM)
    poll = Poll.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("votes:detail", args=[poll.pk])
    assert (poll.kind, poll.method, poll.status, poll.is_secret) == (
        "question",
        "plurality",
        "draft",
        True,
    )
    assert list(poll.options.values_list("label", flat=True)) == ["Monday", "Friday"]


def test_it_prepares_a_roll_call_election_of_delegates(chair_client, committee, coordinating):
    form = {
        **FORM,
        "kind": "election",
        "options": "",
        "seats": "2",
        "target": f"parent:{coordinating.pk}",
    }
    del form["is_secret"]
    chair_client.post(url(committee), form)
    poll = Poll.objects.get()
    assert (poll.seat_parent, poll.seats, poll.method, poll.is_secret) == (
        coordinating,
        2,
        "stv",
        False,
    )


def test_it_prepares_a_recall_of_a_delegate(chair_client, committee, delegate):
    from rankfile.committees.models import DelegateSeat

    seat = DelegateSeat.objects.get(person=delegate)
    chair_client.post(
        url(committee),
        {**FORM, "kind": "recall", "options": "", "target": f"recall_seat:{seat.pk}"},
    )
    assert Poll.objects.get().recall_seat == seat


def test_it_keeps_the_input_and_says_what_is_wrong(chair_client, committee):
    response = chair_client.post(url(committee), {**FORM, "options": "Only Monday"})
    assert response.status_code == 400
    text = page_text(response)
    assert "at least two options" in text
    assert "Only Monday" in response.content.decode()
    assert not Poll.objects.exists()


def test_it_refuses_options_for_a_motion(chair_client, committee):
    response = chair_client.post(url(committee), {**FORM, "kind": "motion", "options": "A\nB"})
    assert response.status_code == 400
    assert "yes, no or abstain" in page_text(response)
    assert not Poll.objects.exists()


def test_it_refuses_a_method_for_a_recall(chair_client, committee, delegate):
    from rankfile.committees.models import DelegateSeat

    seat = DelegateSeat.objects.get(person=delegate)
    form = {**FORM, "kind": "recall", "options": "", "method": "stv"}
    response = chair_client.post(url(committee), {**form, "target": f"recall_seat:{seat.pk}"})
    assert response.status_code == 400
    assert "yes, no or abstain" in page_text(response)
    assert not Poll.objects.exists()


def test_it_refuses_options_for_an_election(chair_client, committee):
    response = chair_client.post(url(committee), {**FORM, "kind": "election", "options": "Ana\nBo"})
    assert response.status_code == 400
    assert "nominations" in page_text(response)
    assert not Poll.objects.exists()


def test_it_refuses_an_empty_form_with_errors(chair_client, committee):
    assert chair_client.post(url(committee), {}).status_code == 400


def test_it_refuses_a_recall_without_a_target(chair_client, committee):
    response = chair_client.post(url(committee), {**FORM, "kind": "recall", "options": ""})
    assert response.status_code == 400
    assert "Choose the seat or the role to recall" in page_text(response)


def test_it_shows_the_form(chair_client, committee, coordinating):
    text = page_text(chair_client.get(url(committee)))
    assert "Election of our delegates to Twin Cities Transit Workers" in text


def test_it_forbids_a_member_without_a_role(member_client, committee):
    assert member_client.get(url(committee)).status_code == 403
    assert member_client.post(url(committee), FORM).status_code == 403
    assert not Poll.objects.exists()


def test_it_hides_the_page_from_an_outsider(outsider_client, committee):
    assert outsider_client.get(url(committee)).status_code == 404


def test_it_refuses_put(chair_client, committee):
    assert chair_client.put(url(committee)).status_code == 405


def test_it_refuses_a_closing_time_out_of_range_without_crashing(chair_client, committee):
    for moment in ("9999-12-31T23:59", "2001-01-01T10:00", "0001-01-01T00:00"):
        response = chair_client.post(url(committee), {**FORM, "closes_at": moment})
        assert response.status_code == 400, moment
        assert "Choose a time within the next 92 days" in page_text(response)
    assert not Poll.objects.exists()


def test_it_prepares_a_poll_that_closes_by_itself(chair_client, committee):
    from datetime import timedelta

    from django.utils import timezone

    when = timezone.localtime() + timedelta(days=2)
    chair_client.post(url(committee), {**FORM, "closes_at": when.strftime("%Y-%m-%dT%H:%M")})
    closes_at = Poll.objects.get().closes_at
    assert abs((closes_at - when).total_seconds()) < 60


def test_it_attaches_a_vote_prepared_from_a_meeting_to_that_meeting(chair_client, committee):
    meeting = make_meeting(committee)
    response = chair_client.post(f"{url(committee)}?meeting={meeting.pk}", FORM)
    assert response.status_code == 302
    assert Poll.objects.get().meeting_id == meeting.pk


def test_it_ignores_a_meeting_of_another_committee(chair_client, committee, coordinating):
    elsewhere = make_meeting(coordinating)
    chair_client.post(f"{url(committee)}?meeting={elsewhere.pk}", FORM)
    assert Poll.objects.get().meeting_id is None
