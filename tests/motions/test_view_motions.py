"""Writing, submitting, seconding, scheduling and withdrawing motions from their pages."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from rankfile.motions.models import Motion, MotionStatus
from rankfile.strikes.models import Demand
from tests.factories import last_message, logged_in, page_text
from tests.meetings.helpers import make_open_meeting
from tests.motions.helpers import TEXT, fresh, make_motion, make_motion_on_agenda


def test_it_saves_a_draft_with_picked_and_new_demands(member_client, committee, chair):
    picked = make_motion(committee, by=chair, demands=["No reprisals"])
    demand = Demand.objects.get(key="no reprisals")
    create = reverse("motions:create", args=[committee.slug])
    assert "No reprisals" in page_text(member_client.get(create))
    response = member_client.post(
        create,
        {
            "title": "Heat",
            "text": "We demand cooling in every bus.",
            "demands": [demand.pk],
            "new_demands": "Cooling in every bus\n",
        },
    )
    motion = Motion.objects.exclude(pk=picked.pk).get()
    assert response["Location"] == reverse("motions:detail", args=[motion.pk])
    assert motion.status == MotionStatus.DRAFT
    assert [link.demand.text for link in motion.demand_links.all()] == [
        "No reprisals",
        "Cooling in every bus",
    ]


def test_it_keeps_typed_values_when_the_draft_is_incomplete(member_client, committee):
    response = member_client.post(
        reverse("motions:create", args=[committee.slug]), {"title": "Heat", "text": ""}
    )
    assert response.status_code == 400
    assert 'value="Heat"' in response.content.decode()
    assert not Motion.objects.exists()


def test_it_never_fails_on_bad_input(member_client, committee):
    create = reverse("motions:create", args=[committee.slug])
    for data in (
        {},
        {"title": "x", "text": "y", "demands": ["abc"]},
        {"title": "x", "text": "y", "demands": ["999999"]},
        {"title": "x" * 400, "text": "y"},
        {"title": "x", "text": "y", "new_demands": "d" * 300},
        {"title": "x", "text": "y", "new_demands": "\n".join(f"d{n}" for n in range(20))},
    ):
        assert member_client.post(create, data).status_code == 400, data
    assert not Motion.objects.exists()


def test_it_lets_the_proposer_edit_and_submit_the_draft(member_client, committee, member):
    draft = make_motion(committee, by=member, submitted=False)
    edit = reverse("motions:edit", args=[draft.pk])
    assert member_client.get(edit).status_code == 200
    member_client.post(edit, {"title": "Wages now", "text": TEXT})
    assert fresh(draft).title == "Wages now"
    response = member_client.post(reverse("motions:submit", args=[draft.pk]))
    assert last_message(response) == "The motion is submitted. It needs a seconder."
    assert fresh(draft).status == MotionStatus.SUBMITTED
    again = member_client.post(reverse("motions:submit", args=[draft.pk]))
    assert last_message(again) == "The motion has already been submitted."


def test_it_shows_why_a_motion_cannot_go_further_yet(chair_client, committee, member):
    motion = make_motion(committee, by=member)
    text = page_text(chair_client.get(reverse("motions:detail", args=[motion.pk])))
    assert "I second it" in text
    proposer = logged_in(Client(), member)
    text = page_text(proposer.get(reverse("motions:detail", args=[motion.pk])))
    assert "The motion needs a seconder." in text


def test_it_seconds_a_motion(chair_client, committee, chair, member):
    motion = make_motion(committee, by=member)
    response = chair_client.post(reverse("motions:second", args=[motion.pk]))
    assert last_message(response) == "You have seconded it."
    assert fresh(motion).status == MotionStatus.SECONDED
    assert "seconded by chair" in page_text(
        chair_client.get(reverse("motions:detail", args=[motion.pk]))
    )


def test_it_puts_the_motion_on_a_meetings_agenda(chair_client, committee, chair, meeting):
    motion = make_motion(committee, seconded_by=chair)
    response = chair_client.post(
        reverse("motions:agenda", args=[motion.pk]), {"meeting": meeting.pk}
    )
    assert last_message(response) == "The motion is on the agenda of “Monthly meeting”."
    assert fresh(motion).status == MotionStatus.ON_AGENDA
    assert meeting.agenda_items.filter(motion=motion).exists()


def test_it_refuses_a_meeting_of_another_committee_or_garbage(
    chair_client, committee, chair, coordinating
):
    motion = make_motion(committee, seconded_by=chair)
    other = make_open_meeting(coordinating)
    for data in ({"meeting": other.pk}, {"meeting": "x"}, {}):
        response = chair_client.post(reverse("motions:agenda", args=[motion.pk]), data)
        assert response.status_code == 302
        assert last_message(response) == "Choose a meeting that is called and not closed."
    assert fresh(motion).status == MotionStatus.SECONDED


def test_it_explains_an_unseconded_motion_cannot_go_on_the_agenda(chair_client, committee, meeting):
    motion = make_motion(committee)
    response = chair_client.post(
        reverse("motions:agenda", args=[motion.pk]), {"meeting": meeting.pk}
    )
    assert last_message(response) == "The motion needs a seconder."


def test_it_explains_why_the_vote_cannot_open_yet(chair_client, committee, meeting):
    motion = make_motion_on_agenda(committee, meeting)
    text = page_text(chair_client.get(reverse("motions:detail", args=[motion.pk])))
    assert "Not to the vote yet: The meeting has not started." in text
    response = chair_client.post(
        reverse("motions:vote", args=[motion.pk]), {"majority": "simple", "ballot": "secret"}
    )
    assert last_message(response) == "The meeting has not started."
    assert fresh(motion).status == MotionStatus.ON_AGENDA


def test_it_lets_the_proposer_withdraw(member_client, committee, member):
    motion = make_motion(committee, by=member)
    response = member_client.post(reverse("motions:withdraw", args=[motion.pk]))
    assert last_message(response) == "The motion is withdrawn."
    assert fresh(motion).status == MotionStatus.WITHDRAWN


def test_it_takes_comments_from_members(member_client, committee, chair):
    motion = make_motion(committee, by=chair)
    member_client.post(reverse("motions:comment", args=[motion.pk]), {"text": "Agreed."})
    assert "Agreed." in page_text(member_client.get(reverse("motions:detail", args=[motion.pk])))
    response = member_client.post(reverse("motions:comment", args=[motion.pk]), {"text": ""})
    assert last_message(response).startswith("Write a comment")
    assert motion.comments.count() == 1


def test_it_lists_the_committees_motions(member_client, committee, member, chair):
    make_motion(committee, by=chair, title="Visible")
    make_motion(committee, by=chair, title="Chair's draft", submitted=False)
    make_motion(committee, by=member, title="My draft", submitted=False)
    text = page_text(member_client.get(reverse("motions:list", args=[committee.slug])))
    assert "Visible" in text and "My draft" in text
    assert "Chair's draft" not in text


def test_it_keeps_the_query_count_of_a_motion_page_small(
    chair_client, committee, meeting, member, django_assert_max_num_queries
):
    from rankfile.motions import services

    motion = make_motion_on_agenda(committee, meeting)
    for number in range(5):
        services.amendment_propose(
            motion=motion, by=member, kind="insert", target_text="", new_text=f"Point {number}."
        )
    with django_assert_max_num_queries(30):
        response = chair_client.get(reverse("motions:detail", args=[motion.pk]))
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        chair_client.get(reverse("motions:list", args=[committee.slug]))
