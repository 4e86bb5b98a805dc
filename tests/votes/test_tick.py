"""Asynchronous polls close themselves at their deadline (`rankfile polls_tick`), and electors
who have not voted hear once that the vote is about to close."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from rankfile.audit.models import AuditEvent
from rankfile.core.errors import RuleViolation
from rankfile.tally import board_verify
from rankfile.votes.models import Poll, PollBoard
from rankfile.votes.tick import polls_tick
from tests.factories import make_member, make_person
from tests.votes.helpers import board_of, cast, close_poll, fresh, make_open_poll

pytestmark = pytest.mark.django_db


@pytest.fixture
def deadline():
    # Past the bylaws' shortest voting period outside a meeting (24 hours).
    return timezone.now() + timedelta(hours=25)


def test_it_closes_a_poll_at_its_deadline_once(committee, chair, member, deadline):
    poll = make_open_poll(committee, closes_at=deadline)
    cast(poll, member, "yes")
    cast(poll, chair, "yes")  # 2 of 3: over the turnout floor
    assert polls_tick(now=deadline - timedelta(seconds=1))["closed"] == 0
    assert polls_tick(now=deadline) == {"closed": 1, "refused": 0, "warned": 0}
    assert polls_tick(now=deadline + timedelta(minutes=1))["closed"] == 0
    closed = fresh(poll)
    assert closed.status == "closed" and closed.adopted is True
    assert PollBoard.objects.filter(poll=poll).count() == 1
    assert board_verify(board_of(closed)).ok
    event = AuditEvent.objects.get(verb="poll.closed")
    assert event.actor is None and event.is_by_system


def test_it_refuses_a_ballot_after_the_deadline_even_before_the_tick(committee, member, deadline):
    poll = make_open_poll(committee, closes_at=deadline)
    poll.closes_at = timezone.now() - timedelta(seconds=1)
    poll.save(update_fields=["closes_at"])
    with pytest.raises(RuleViolation, match="result is being published"):
        cast(poll, member, "yes")


def test_it_warns_the_electors_who_have_not_voted_once(
    committee, chair, deadline, django_capture_on_commit_callbacks
):
    waiting = make_member(committee, make_person("waiting", email="w@example.org")).person
    voted = make_member(committee, make_person("voted", email="v@example.org")).person
    poll = make_open_poll(committee, closes_at=deadline)
    cast(poll, voted, "yes")
    mail.outbox.clear()
    soon = deadline - timedelta(minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        assert polls_tick(now=soon)["warned"] == 1
        assert polls_tick(now=soon + timedelta(minutes=1))["warned"] == 0
    assert [message.to for message in mail.outbox] == [["w@example.org"]]
    assert "closes soon" in mail.outbox[0].subject
    assert waiting.pk and fresh(poll).closing_notice_at is not None


def test_it_leaves_a_poll_closed_by_hand_alone(committee, member, deadline):
    poll = make_open_poll(committee, closes_at=deadline)
    close_poll(poll)
    assert polls_tick(now=deadline) == {"closed": 0, "refused": 0, "warned": 0}


def test_it_runs_as_a_management_command(committee, member, deadline):
    poll = make_open_poll(committee, closes_at=deadline)
    # A day later, as a clock would: five minutes before the deadline.
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() + timedelta(minutes=5))
    out = StringIO()
    call_command("polls_tick", stdout=out)
    assert out.getvalue().strip() == "polls: 0 closed, 0 refused, 1 warned"
