"""Races designed out: simultaneous pledges on separate connections (PostgreSQL only: SQLite
serialises every writer anyway, so threads prove nothing there)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection

from rankfile.core.errors import RuleViolation
from rankfile.strikes.models import CampaignDay, Pledge, PledgeCount
from rankfile.strikes.services import pledge_make, pledge_withdraw
from tests.concurrency import run_together
from tests.strikes.helpers import fresh, make_campaign, make_pledgers

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs separate connections to PostgreSQL"
    ),
]


def test_it_keeps_exactly_one_of_two_simultaneous_pledges_by_the_same_person(
    campaign, committee, member
):
    def pledge() -> None:
        pledge_make(campaign=campaign, person=member, committee=committee)

    outcomes = run_together([pledge] * 4)
    assert sum(outcome is None for outcome in outcomes) == 1
    assert all(isinstance(o, RuleViolation) for o in outcomes if o is not None)
    assert Pledge.objects.filter(campaign=campaign).count() == 1
    assert PledgeCount.objects.get(campaign=campaign, committee=committee).count == 1


def test_it_counts_every_one_of_many_simultaneous_pledges(coordinating, committee):
    campaign = make_campaign(coordinating, percent=50, workplaces=1)
    people = make_pledgers(committee, 12)
    outcomes = run_together(
        [
            lambda person=person: pledge_make(campaign=campaign, person=person, committee=committee)
            for person in people
        ]
    )
    assert outcomes == [None] * 12
    rows = Pledge.objects.filter(campaign=campaign, committee=committee).count()
    assert rows == 12
    assert PledgeCount.objects.get(campaign=campaign, committee=committee).count == rows
    assert CampaignDay.objects.get(campaign=campaign, committee=committee).pledged == rows


def test_it_keeps_the_counts_equal_to_the_rows_when_pledges_and_withdrawals_collide(
    campaign, committee
):
    people = make_pledgers(committee, 10)
    for person in people[:5]:
        pledge_make(campaign=campaign, person=person, committee=committee)
    actions: list[Callable[[], None]] = [
        lambda person=person: pledge_withdraw(campaign=campaign, person=person)
        for person in people[:5]
    ] + [
        lambda person=person: pledge_make(campaign=campaign, person=person, committee=committee)
        for person in people[5:]
    ]
    assert run_together(actions) == [None] * 10
    assert Pledge.objects.filter(campaign=campaign).count() == 5
    assert PledgeCount.objects.get(campaign=campaign, committee=committee).count == 5


def test_it_triggers_once_when_the_last_pledges_arrive_together(coordinating):
    from tests.factories import make_committee

    small = make_committee(name="Small", parent=coordinating, workforce_estimate=4)
    campaign = make_campaign(coordinating, percent=50, workplaces=1)
    people = make_pledgers(small, 4)
    outcomes = run_together(
        [
            lambda person=person: pledge_make(campaign=campaign, person=person, committee=small)
            for person in people
        ]
    )
    # Two pledges trigger it; a pledge that arrives after the trigger is refused.
    accepted = sum(outcome is None for outcome in outcomes)
    assert accepted == 2
    assert fresh(campaign).status == "triggered"
    assert Pledge.objects.filter(campaign=campaign).count() == accepted
    from rankfile.audit.models import AuditEvent

    assert AuditEvent.objects.filter(verb="campaign.triggered", committee=coordinating).count() == 1
