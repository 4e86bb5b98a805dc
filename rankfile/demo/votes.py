"""The demo's votes, in the bus garage committee:

* a closed secret question, "Which day do we walk out?" (instant runoff), with its published
  board and its round-by-round result, so that a newcomer can download the board and check it;
* an open election of the garage's two delegates to the transit coordinating committee (STV,
  closing in three days), with three candidates and some ballots already cast, which the
  README's personas (marisol, dwayne) have not voted in, so they can vote on the tour.

Loaded by `rankfile.demo.scenario.demo_load()`, after the federation. Everything goes through
the services; ballots are cast by ordinary demo members, never by the personas.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee, MembershipStatus
from rankfile.demo.people import PERSONA_HANDLES, chair_of
from rankfile.votes import services
from rankfile.votes.models import Poll

GARAGE = "Heywood Bus Garage Rank-and-File Committee"
TRANSIT = "Twin Cities Transit and Logistics Workers"
DAYS = ["Monday 23 January", "Friday 20 January", "Wednesday 1 February"]


def votes_demo_load(*, seed: int = 1934) -> tuple[Poll, Poll]:
    """(the closed question, the open election)."""
    rng = random.Random(seed)
    garage = Committee.objects.get(name=GARAGE)
    chair = chair_of(garage)
    members = list(
        Person.objects.filter(
            memberships__committee=garage, memberships__status=MembershipStatus.ACTIVE
        )
        .exclude(handle__in=PERSONA_HANDLES)
        .order_by("handle")
    )
    question = _question_load(garage=garage, chair=chair, voters=members[:30], rng=rng)
    election = _election_load(
        garage=garage, chair=chair, candidates=members[-3:], voters=members[:18], rng=rng
    )
    return question, election


def _question_load(
    *, garage: Committee, chair: Person, voters: list[Person], rng: random.Random
) -> Poll:
    question = services.poll_create_question(
        committee=garage,
        by=chair,
        title="Which day do we walk out?",
        description="Rank the days: the garage walks out with the rest of the city.",
        options=DAYS,
        method="irv",
    )
    services.poll_open(poll=question, by=chair)
    for person in voters:
        first = rng.choices(["o1", "o2", "o3"], weights=[5, 3, 2])[0]
        rest = [o for o in ["o1", "o2", "o3"] if o != first]
        rng.shuffle(rest)
        services.ballot_cast(
            poll=question, voter=person, content=[first, *rest[: rng.randint(0, 2)]]
        )
    # The question ran its voting period before the tour starts: its deadline is now, and it
    # closes by the deadline, as `polls_tick` closes it (a vote outside a meeting closes by hand
    # only once every elector has voted).
    Poll.objects.filter(pk=question.pk).update(closes_at=timezone.now())
    return services.poll_close(poll=question, by=None)


def _election_load(
    *,
    garage: Committee,
    chair: Person,
    candidates: list[Person],
    voters: list[Person],
    rng: random.Random,
) -> Poll:
    election = services.poll_create_election(
        committee=garage,
        by=chair,
        title=f"Our two delegates to {TRANSIT}",
        seats=2,
        method="stv",
        seat_parent=Committee.objects.get(name=TRANSIT),
        closes_at=timezone.now() + timedelta(days=3),
    )
    for person in candidates:
        services.nomination_create(poll=election, person=person, by=person)
    election = services.poll_open(poll=election, by=chair)
    options = [f"o{n}" for n in range(1, len(candidates) + 1)]
    for person in voters:
        ranking = options[:]
        rng.shuffle(ranking)
        services.ballot_cast(poll=election, voter=person, content=ranking[: rng.randint(1, 3)])
    return election
