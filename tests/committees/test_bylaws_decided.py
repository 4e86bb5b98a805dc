"""The bylaws change only by a decision of the members: a proposal is a motion of kind
"bylaws" stating old and new values; its adoption applies them (and checks them again)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rankfile.audit.models import AuditEvent
from rankfile.committees import services
from rankfile.committees.bylaws import bylaws_effective
from rankfile.core.errors import RuleViolation
from rankfile.motions import services as motion_services
from rankfile.motions.models import Motion, MotionKind, MotionStatus
from tests.factories import logged_in, make_members, page_text, set_bylaws
from tests.meetings.helpers import check_in, make_open_meeting
from tests.motions.helpers import adopt_in_meeting, vote_and_close


@pytest.fixture
def grown(committee):
    """The committee with its quorum minimum of members and more: it decides by meeting."""
    make_members(committee, 4)
    committee.refresh_from_db()
    return committee


def propose(committee, by, **overrides):
    changes, old = services.bylaws_changes(committee=committee, overrides=overrides)
    return motion_services.motion_propose(
        committee=committee,
        by=by,
        kind=MotionKind.BYLAWS,
        title="Change of the bylaws",
        text=services.bylaws_changes_text(committee=committee, changes=changes),
        effect={"changes": changes, "old": old},
    )


def test_it_turns_the_bylaws_form_into_a_motion_and_changes_nothing(client, grown, member):
    response = logged_in(client, member).post(
        reverse("committees:bylaws", args=[grown.slug]), {"quorum_minimum": "5"}
    )
    motion = Motion.objects.get(committee=grown, kind=MotionKind.BYLAWS)
    assert response["Location"] == reverse("motions:detail", args=[motion.pk])
    assert (motion.status, motion.proposer_id) == (MotionStatus.SUBMITTED, member.pk)
    assert motion.effect == {"changes": {"quorum_minimum": 5}, "old": {"quorum_minimum": None}}
    assert "Quorum, at least (members): 3 → 5" in motion.text
    grown.refresh_from_db()
    assert grown.bylaws_overrides == {}


def test_it_refuses_the_chair_setting_bylaws_alone_once_the_committee_can_meet(chair_client, grown):
    events = AuditEvent.objects.filter(verb="committee.bylaws_changed").count()
    chair_client.post(reverse("committees:bylaws", args=[grown.slug]), {"vouches_needed": "0"})
    grown.refresh_from_db()
    assert grown.bylaws_overrides == {}
    assert AuditEvent.objects.filter(verb="committee.bylaws_changed").count() == events
    assert Motion.objects.filter(committee=grown, kind=MotionKind.BYLAWS).count() == 1


def test_it_lets_the_founder_set_the_bylaws_of_a_committee_too_small_to_meet(
    chair_client, committee
):
    assert committee.active_member_count == 1
    response = chair_client.post(
        reverse("committees:bylaws", args=[committee.slug]), {"vouches_needed": "0"}
    )
    assert response["Location"] == reverse("committees:detail", args=[committee.slug])
    committee.refresh_from_db()
    assert committee.bylaws_overrides == {"vouches_needed": 0}


def test_it_refuses_a_proposal_that_changes_nothing(client, grown, member):
    response = logged_in(client, member).post(reverse("committees:bylaws", args=[grown.slug]), {})
    assert response.status_code == 400
    assert "Nothing changes: change at least one value." in page_text(response)
    assert not Motion.objects.filter(committee=grown).exists()


def test_it_applies_the_change_when_the_members_adopt_it(grown, member):
    motion = adopt_in_meeting(propose(grown, member, k_anonymity=7))
    assert motion.status == MotionStatus.ADOPTED
    grown.refresh_from_db()
    assert bylaws_effective(committee=grown).k_anonymity == 7
    event = AuditEvent.objects.get(verb="committee.bylaws_adopted")
    assert (event.data["before"], event.data["after"]) == ({}, {"k_anonymity": 7})
    assert event.data["motion_id"] == motion.pk


def test_it_changes_nothing_when_the_members_reject_it(grown, member, chair):
    motion = propose(grown, member, k_anonymity=7)
    meeting = make_open_meeting(grown)
    people = [m.person for m in make_members(grown, 3)]
    check_in(meeting, chair, *people)
    motion_services.motion_second(motion=motion, by=people[0])
    motion_services.motion_put_on_agenda(motion=motion, meeting=meeting, by=chair)
    motion = motion_services.motion_put_to_vote(motion=motion, by=chair)
    motion = vote_and_close(motion, yes=[chair], no=people)
    assert motion.status == MotionStatus.REJECTED
    grown.refresh_from_db()
    assert grown.bylaws_overrides == {}


def test_it_returns_a_value_to_the_inherited_one(grown, member, coordinating):
    set_bylaws(grown, vouches_needed=2)
    set_bylaws(coordinating, vouches_needed=3)
    motion = propose(grown, member)
    assert motion.effect["changes"] == {"vouches_needed": None}
    assert "as the committee above (3)" in motion.text
    adopt_in_meeting(motion)
    grown.refresh_from_db()
    assert grown.bylaws_overrides == {}


def test_it_checks_the_values_again_on_adoption_and_says_why_it_could_not_apply(grown, member):
    motion = propose(grown, member, k_anonymity=7)
    Motion.objects.filter(pk=motion.pk).update(effect={"changes": {"k_anonymity": 1}, "old": {}})
    motion = adopt_in_meeting(Motion.objects.get(pk=motion.pk))
    assert motion.status == MotionStatus.ADOPTED
    grown.refresh_from_db()
    assert grown.bylaws_overrides == {}
    refusal = AuditEvent.objects.get(verb="motion.not_applied")
    assert "greater than or equal to 2" in refusal.data["reason"]


def test_it_refuses_to_amend_a_bylaws_motion(grown, member):
    motion = propose(grown, member, k_anonymity=7)
    with pytest.raises(RuleViolation, match="cannot be amended"):
        motion_services.amendment_propose(
            motion=motion, by=member, kind="replace", target_text="7", new_text="9"
        )
