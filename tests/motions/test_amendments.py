"""Amendments: moved, seconded, voted yes / no and, if carried, applied to the motion's text,
which then shows the change highlighted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rankfile.audit.models import AuditEvent
from rankfile.core.errors import RuleViolation
from rankfile.motions import services
from rankfile.motions.models import Motion, MotionStatus
from tests.factories import last_message, make_members, page_text
from tests.meetings.helpers import check_in
from tests.motions.helpers import (
    TEXT,
    fresh,
    make_motion,
    make_motion_on_agenda,
    vote_and_close,
)


def test_it_moves_an_amendment_that_needs_a_seconder(committee, member):
    motion = make_motion(committee)
    amendment = services.amendment_propose(
        motion=motion, by=member, kind="insert", target_text="", new_text="Now."
    )
    assert amendment.amends == motion
    assert amendment.status == MotionStatus.SUBMITTED
    assert amendment.title == "Amendment 1 to “Wages”"
    assert AuditEvent.objects.filter(verb="amendment.proposed").count() == 1


def test_it_refuses_words_that_are_not_in_the_motion(committee, member):
    motion = make_motion(committee)
    with pytest.raises(RuleViolation) as refused:
        services.amendment_propose(
            motion=motion, by=member, kind="delete", target_text="lower fares", new_text=""
        )
    assert refused.value.message == "The words “lower fares” are not in the motion's text."
    assert not Motion.objects.filter(amends=motion).exists()


def test_it_refuses_to_amend_a_draft_or_an_amendment(committee, member, chair):
    draft = make_motion(committee, by=chair, submitted=False)
    with pytest.raises(RuleViolation):
        services.amendment_propose(
            motion=draft, by=member, kind="insert", target_text="", new_text="x"
        )
    motion = make_motion(committee)
    amendment = services.amendment_propose(
        motion=motion, by=member, kind="insert", target_text="", new_text="x"
    )
    with pytest.raises(RuleViolation) as refused:
        services.amendment_propose(
            motion=amendment, by=chair, kind="insert", target_text="", new_text="y"
        )
    assert refused.value.message == "An amendment cannot itself be amended."


def test_it_holds_the_motions_vote_while_a_seconded_amendment_is_pending(
    committee, open_meeting, chair, member
):
    people = [m.person for m in make_members(committee, 3)]
    check_in(open_meeting, *people)
    motion = make_motion_on_agenda(committee, open_meeting)
    amendment = services.amendment_propose(
        motion=motion, by=member, kind="delete", target_text="for every driver", new_text=""
    )
    services.amendment_second(amendment=amendment, by=people[0])
    with pytest.raises(RuleViolation) as refused:
        services.motion_put_to_vote(motion=motion, by=chair)
    assert refused.value.message == (
        "An amendment is pending: vote on it, or have it withdrawn, first."
    )


def test_it_refuses_to_vote_an_amendment_without_a_seconder(committee, open_meeting, member):
    motion = make_motion_on_agenda(committee, open_meeting)
    amendment = services.amendment_propose(
        motion=motion, by=member, kind="delete", target_text="for every driver", new_text=""
    )
    from rankfile.motions.lifecycle import MotionAction, motion_refusal

    assert motion_refusal(amendment, action=MotionAction.PUT_TO_VOTE) == (
        "The motion needs a seconder."
    )


@pytest.mark.parametrize(
    ("kind", "target", "new", "final"),
    [
        (
            "replace",
            "higher wages",
            "a 20 % raise",
            "The committee demands a 20 % raise for every driver.",
        ),
        (
            "insert",
            "higher wages",
            "and safe staffing",
            "The committee demands higher wages and safe staffing for every driver.",
        ),
        ("delete", " for every driver", "", "The committee demands higher wages."),
    ],
)
def test_it_applies_a_carried_amendment_to_the_motion(
    committee, open_meeting, chair, member, kind, target, new, final
):
    people = [m.person for m in make_members(committee, 3)]
    check_in(open_meeting, chair, *people)
    motion = make_motion_on_agenda(committee, open_meeting)
    amendment = services.amendment_propose(
        motion=motion, by=member, kind=kind, target_text=target, new_text=new
    )
    services.amendment_second(amendment=amendment, by=people[0])
    amendment = services.motion_put_to_vote(motion=amendment, by=chair)
    assert amendment.status == MotionStatus.VOTING
    amendment = vote_and_close(amendment, yes=people)
    assert amendment.status == MotionStatus.ADOPTED
    assert amendment.applied_at is not None
    assert amendment.resolution_number is None  # an amendment is not a resolution
    motion = fresh(motion)
    assert motion.text == final
    assert motion.original_text == TEXT
    with pytest.raises(RuleViolation):
        services.amendment_apply(amendment=amendment, by=chair)  # once only


def test_it_leaves_the_text_alone_when_the_amendment_is_lost(
    committee, open_meeting, chair, member
):
    people = [m.person for m in make_members(committee, 3)]
    check_in(open_meeting, chair, *people)
    motion = make_motion_on_agenda(committee, open_meeting)
    amendment = services.amendment_propose(
        motion=motion, by=member, kind="delete", target_text="higher ", new_text=""
    )
    services.amendment_second(amendment=amendment, by=people[0])
    services.motion_put_to_vote(motion=amendment, by=chair)
    amendment = vote_and_close(amendment, yes=people[:1], no=people[1:])
    assert amendment.status == MotionStatus.REJECTED
    assert fresh(motion).text == TEXT


def test_it_shows_the_amended_text_with_the_change_highlighted(
    committee, open_meeting, chair, member, chair_client
):
    people = [m.person for m in make_members(committee, 3)]
    check_in(open_meeting, chair, *people)
    motion = make_motion_on_agenda(committee, open_meeting)
    response = chair_client.post(
        reverse("motions:amend", args=[motion.pk]),
        {"kind": "replace", "target_text": "higher wages", "new_text": "a 20 % raise"},
    )
    amendment = Motion.objects.get(amends=motion)
    assert response["Location"] == reverse("motions:detail", args=[amendment.pk])
    preview = chair_client.get(reverse("motions:detail", args=[amendment.pk])).content.decode()
    assert "<del>higher wages </del>" in preview and "<ins>a 20 % raise </ins>" in preview
    services.amendment_second(amendment=amendment, by=people[0])
    response = chair_client.post(
        reverse("motions:vote", args=[amendment.pk]), {"majority": "simple", "ballot": "secret"}
    )
    assert last_message(response) == "The vote is open."
    vote_and_close(amendment, yes=people)
    html = chair_client.get(reverse("motions:detail", args=[motion.pk])).content.decode()
    assert "<del>higher wages </del><ins>a 20 % raise </ins>" in html
    assert "The committee demands" in page_text(
        chair_client.get(reverse("motions:detail", args=[motion.pk]))
    )


def test_it_keeps_the_amendment_form_on_a_refusal(member_client, committee):
    motion = make_motion(committee)
    response = member_client.post(
        reverse("motions:amend", args=[motion.pk]),
        {"kind": "replace", "target_text": "nowhere", "new_text": "x"},
    )
    assert response.status_code == 400
    assert "are not in the motion's text" in page_text(response)
    assert "nowhere" in response.content.decode()
    for data in ({}, {"kind": "rewrite"}, {"kind": "insert", "new_text": "x" * 5000}):
        assert (
            member_client.post(reverse("motions:amend", args=[motion.pk]), data).status_code == 400
        )
