"""Delegates vote by roll call in a coordinating committee unless its bylaws allow secrecy; their
votes are stored and shown as any roll-call poll's (VoteCast.roll_call), no second store."""

from __future__ import annotations

import pytest

from rankfile.core.errors import RuleViolation
from rankfile.votes.models import Poll, PollOption, VoteCast
from rankfile.votes.services import poll_create_motion
from tests.factories import chair_of, count_rows, set_bylaws
from tests.mandates.helpers import delegates_vote, parent_meeting_with_motion


def test_it_refuses_a_secret_poll_among_delegates(coordinating):
    before = count_rows(Poll, PollOption)
    with pytest.raises(RuleViolation, match="Delegates vote by roll call here") as refusal:
        poll_create_motion(
            committee=coordinating, by=chair_of(coordinating), title="Strike?", is_secret=True
        )
    assert coordinating.name in refusal.value.message
    assert count_rows(Poll, PollOption) == before


def test_it_allows_a_secret_poll_where_the_bylaws_say_so(coordinating):
    set_bylaws(coordinating, delegates_may_vote_in_secret=True)
    poll = poll_create_motion(
        committee=coordinating, by=chair_of(coordinating), title="Strike?", is_secret=True
    )
    assert poll.is_secret


def test_a_base_committee_keeps_its_secret_ballot(committee):
    poll = poll_create_motion(
        committee=committee, by=chair_of(committee), title="Strike?", is_secret=True
    )
    assert poll.is_secret


def test_the_delegates_roll_call_vote_is_published_with_their_name(
    committee, coordinating, delegate
):
    meeting, motion = parent_meeting_with_motion(coordinating)
    poll = delegates_vote(meeting, motion, {delegate: "no"})
    assert not poll.is_secret
    cast = VoteCast.objects.get(poll=poll, voter=delegate)
    assert cast.roll_call["content"] == "no"


def test_the_motion_page_offers_roll_call_first_among_delegates(client, coordinating):
    from tests.factories import logged_in
    from tests.motions.helpers import make_motion

    motion = make_motion(coordinating, title="Strike fund")
    response = logged_in(client, chair_of(coordinating)).get(f"/motions/{motion.pk}/")
    assert response.context["vote_form"].initial == {"ballot": "roll_call"}
