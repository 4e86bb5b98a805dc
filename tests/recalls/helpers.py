"""Recall helpers on top of tests.factories: everything goes through the real services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee, DelegateSeat
from rankfile.recalls import services
from rankfile.recalls.models import RecallPetition
from rankfile.votes.models import Poll
from rankfile.votes.tick import polls_tick


def seat_of(person: Person) -> DelegateSeat:
    return DelegateSeat.objects.get(person=person, ended_at__isnull=True)


def open_petition(committee: Committee, by: Person, holder: Person) -> RecallPetition:
    return services.recall_petition_open(
        committee=committee, by=by, reason="Voted against the strike", seat=seat_of(holder)
    )


def sign(petition: RecallPetition, *people: Person) -> RecallPetition:
    for person in people:
        petition = services.recall_petition_sign(petition=petition, by=person)
    return RecallPetition.objects.get(pk=petition.pk)


def deadline_pass(poll: Poll) -> dict[str, int]:
    """The voting period passes, as a clock would: the deadline moves into the past and the tick
    closes the poll."""
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    return polls_tick()
