"""Poll helpers for the votes tests, on top of tests.factories. Everything goes through the real
services."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.utils import timezone

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee
from rankfile.votes import services
from rankfile.votes.electorate import roll_call_required
from rankfile.votes.models import Poll, PollKind
from rankfile.votes.services import Receipt
from tests.factories import chair_of, make_member

CREATORS = {
    PollKind.MOTION: services.poll_create_motion,
    PollKind.ELECTION: services.poll_create_election,
    PollKind.RECALL: services.poll_create_recall,
    PollKind.QUESTION: services.poll_create_question,
}


def make_poll(committee: Committee, *, kind: str = PollKind.MOTION, **fields: Any) -> Poll:
    fields.setdefault("title", "Strike on Monday")
    # Delegates vote by roll call unless their committee's bylaws allow a secret ballot.
    fields.setdefault("is_secret", not roll_call_required(committee=committee))
    create: Any = CREATORS[PollKind(kind)]
    poll: Poll = create(committee=committee, by=chair_of(committee), **fields)
    return poll


def open_poll(poll: Poll) -> Poll:
    return services.poll_open(poll=poll, by=chair_of(poll.committee))


def deadline_pass(poll: Poll) -> Poll:
    """A vote outside a meeting closes by hand only at its deadline (or once every elector has
    voted): move the deadline into the past, as a clock would."""
    if poll.meeting_id is None:
        Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
        poll.refresh_from_db()
    return poll


def close_poll(poll: Poll) -> Poll:
    """Close at the deadline (see deadline_pass), by the chair."""
    return services.poll_close(poll=deadline_pass(poll), by=chair_of(poll.committee))


def make_open_poll(committee: Committee, **fields: Any) -> Poll:
    return open_poll(make_poll(committee, **fields))


def cast(poll: Poll, person: Person, content: Any) -> Receipt:
    return services.ballot_cast(poll=poll, voter=person, content=content)


def make_voters(committee: Committee, count: int) -> list[Person]:
    return [make_member(committee).person for _ in range(count)]


def make_election(committee: Committee, candidates: list[Person], **fields: Any) -> Poll:
    """A draft election whose candidates have nominated themselves (and so accepted)."""
    fields.setdefault("title", "Delegates to the transit committee")
    poll = make_poll(committee, kind="election", **fields)
    for person in candidates:
        services.nomination_create(poll=poll, person=person, by=person)
    return poll


def board_of(poll: Poll) -> dict[str, Any]:
    board: dict[str, Any] = json.loads(Poll.objects.get(pk=poll.pk).board.text)
    return board


def fresh(poll: Poll) -> Poll:
    return Poll.objects.get(pk=poll.pk)
