"""A motion put to a vote of the members outside a meeting: open for at least the bylaws'
`async_voting_hours`, settled when the poll closes like a vote in a meeting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rankfile.committees import services as committee_services
from rankfile.core.errors import RuleViolation
from rankfile.motions import services
from rankfile.motions.models import MotionKind, MotionStatus
from tests.factories import last_message, make_members
from tests.motions.helpers import fresh, vote_and_close


@pytest.fixture
def bylaws_motion(committee, member):
    make_members(committee, 2)
    changes, old = committee_services.bylaws_changes(
        committee=committee, overrides={"k_anonymity": 8}
    )
    motion = services.motion_propose(
        committee=committee,
        by=member,
        kind=MotionKind.BYLAWS,
        title="Change of the bylaws",
        text="k 5 → 8",
        effect={"changes": changes, "old": old},
    )
    seconder = committee.memberships.exclude(person=member).exclude(person__handle="chair")[0]
    return services.motion_second(motion=motion, by=seconder.person)


def test_it_refuses_a_vote_shorter_than_the_bylaws_allow(bylaws_motion, chair):
    with pytest.raises(RuleViolation) as refused:
        services.motion_put_to_poll(
            motion=bylaws_motion, by=chair, closes_at=timezone.now() + timedelta(hours=2)
        )
    assert refused.value.message.startswith("A vote outside a meeting lasts at least 24 hours")
    assert fresh(bylaws_motion).status == MotionStatus.SECONDED
    assert not bylaws_motion.polls.exists()


def test_the_members_adopt_a_bylaws_change_by_a_vote_outside_a_meeting(
    bylaws_motion, committee, chair
):
    closes_at = timezone.now() + timedelta(hours=25)
    motion = services.motion_put_to_poll(motion=bylaws_motion, by=chair, closes_at=closes_at)
    poll = motion.polls.get()
    assert (motion.status, poll.meeting_id, poll.status) == (MotionStatus.VOTING, None, "open")
    electors = [m.person for m in committee.memberships.filter(status="active")]
    motion = vote_and_close(motion, yes=electors)
    assert motion.status == MotionStatus.ADOPTED
    committee.refresh_from_db()
    assert committee.bylaws_overrides == {"k_anonymity": 8}


def test_an_officer_opens_the_vote_from_the_motion_page(chair_client, bylaws_motion):
    page = chair_client.get(reverse("motions:detail", args=[bylaws_motion.pk])).content.decode()
    assert "Open the vote outside a meeting" in page
    closes = timezone.localtime(timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = chair_client.post(
        reverse("motions:poll", args=[bylaws_motion.pk]),
        {"closes_at": closes, "majority": "simple", "ballot": "secret"},
    )
    assert last_message(response) == "The vote is open."
    assert fresh(bylaws_motion).status == MotionStatus.VOTING


def test_it_says_what_is_missing_from_the_form(chair_client, bylaws_motion):
    response = chair_client.post(reverse("motions:poll", args=[bylaws_motion.pk]), {})
    assert last_message(response) == "Choose the majority, the kind of ballot and when it closes."
    assert fresh(bylaws_motion).status == MotionStatus.SECONDED
