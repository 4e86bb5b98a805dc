"""The whole demo scenario: the federation and its people, then the strike campaign and the
polls on top. Everything is made through the services, so the logs read true."""

from __future__ import annotations

import random

from django.contrib.auth.hashers import make_password
from django.db import transaction

from rankfile.committees import services
from rankfile.committees.models import Committee
from rankfile.demo.federation import BASES, federation_load
from rankfile.demo.mandates import mandates_demo_load
from rankfile.demo.people import DEMO_PASSWORD, chair_of, people_create, person_create
from rankfile.demo.recalls import recalls_demo_load
from rankfile.demo.strikes import strikes_demo_load
from rankfile.demo.votes import votes_demo_load


def demo_is_loaded() -> bool:
    return Committee.objects.filter(kind="alliance").exists()


def demo_load(*, seed: int = 2026) -> None:
    rng = random.Random(seed)
    password_hash = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        people = people_create(rng=rng, password_hash=password_hash)
        operator = person_create(handle="operator", password_hash=password_hash, is_operator=True)
        federation_load(people=people, operator=operator, rng=rng)
    strikes_demo_load()
    votes_demo_load()
    recalls_demo_load()
    mandates_demo_load()


def demo_invitation_for_newcomer() -> str:
    """A fresh link into the hospital committee, made by its chair, for the README's tour."""
    committee = Committee.objects.get(name=BASES[1].name)
    _invitation, token = services.invitation_create(
        committee=committee,
        by=chair_of(committee),
        valid_days=7,
        max_uses=None,
        label="demo walk-through",
    )
    return token
