"""The demo's people: the README's personas, and some two hundred members with generated
handles, all with the one password the README prints."""

from __future__ import annotations

import random

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee, RoleKind

DEMO_PASSWORD = "solidarity-forever"
# Named accounts the README prints, each a persona of the tests.
PERSONAS = {
    "marisol": "chair of the bus garage committee, delegate to transit and Minneapolis",
    "dwayne": "member of the bus garage committee",
    "keisha": "chair of the hospital committee",
    "ana": "secretary of the high school committee",
    "newcomer": "member of the neighbourhood committee: use the link below to join the hospital's",
}
# Left out of the pledges and ballots the demo makes, so they can pledge and vote on the tour.
PERSONA_HANDLES = {*PERSONAS, "operator"}
PEOPLE = 215

FIRST = [
    "ali",
    "bea",
    "cruz",
    "dana",
    "eli",
    "fatima",
    "gus",
    "hana",
    "ivan",
    "jo",
    "kai",
    "lena",
    "mo",
    "nia",
    "omar",
    "pat",
    "quinn",
    "rosa",
    "sam",
    "tariq",
    "uma",
    "vic",
    "wen",
    "xochi",
    "yusuf",
    "zoe",
    "amir",
    "bo",
    "chen",
    "dolores",
]
SECOND = [
    "wrench",
    "shift",
    "depot",
    "route",
    "ward",
    "bell",
    "dock",
    "forge",
    "block",
    "line",
    "yard",
    "lane",
    "hall",
    "gate",
]


def person_create(*, handle: str, password_hash: str, is_operator: bool = False) -> Person:
    return Person.objects.create(handle=handle, password=password_hash, is_operator=is_operator)


def people_create(*, rng: random.Random, password_hash: str) -> dict[str, Person]:
    """The personas first, then generated handles, by handle."""
    handles = list(PERSONAS)
    seen = set(handles)
    while len(handles) < PEOPLE:
        handle = f"{rng.choice(FIRST)}_{rng.choice(SECOND)}{rng.randint(1, 99)}"
        if handle not in seen:
            seen.add(handle)
            handles.append(handle)
    return {handle: person_create(handle=handle, password_hash=password_hash) for handle in handles}


def chair_of(committee: Committee) -> Person:
    return Person.objects.get(
        roles__committee=committee, roles__kind=RoleKind.CHAIR, roles__ended_at__isnull=True
    )
