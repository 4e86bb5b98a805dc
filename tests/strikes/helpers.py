"""Campaign helpers for the strikes tests, on top of tests.factories. Everything goes through
the real services."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee
from rankfile.strikes import services
from rankfile.strikes.models import Campaign
from tests.factories import chair_of, make_member

DEMANDS = [
    "Withdrawal of all federal agents from the city",
    "Release of everyone detained in the raids",
    "No reprisals against anyone who strikes",
]


def make_campaign(
    committee: Committee,
    *,
    percent: int | None = 50,
    workplaces: int | None = 1,
    deadline_in_days: int | None = 7,
    starts_on: date | None = None,
    ends_on: date | None = None,
    title: str = "General strike until the agents leave",
    demands: list[str] | None = None,
) -> Campaign:
    """A campaign with conditions (the default) or, with percent=None, one called outright."""
    has_conditions = percent is not None
    deadline_at = (
        timezone.now() + timedelta(days=deadline_in_days)
        if has_conditions and deadline_in_days is not None
        else None
    )
    return services.campaign_start(
        committee=committee,
        by=chair_of(committee),
        title=title,
        demands=demands or DEMANDS,
        starts_on=starts_on or timezone.localdate() + timedelta(days=10),
        ends_on=ends_on,
        threshold_percent=percent,
        threshold_workplaces=workplaces if has_conditions else None,
        deadline_at=deadline_at,
    )


def make_pledgers(committee: Committee, count: int) -> list[Person]:
    return [make_member(committee).person for _ in range(count)]


def pledge_all(campaign: Campaign, committee: Committee, people: list[Person]) -> None:
    for person in people:
        services.pledge_make(campaign=campaign, person=person, committee=committee)


def fresh(campaign: Campaign) -> Campaign:
    return Campaign.objects.get(pk=campaign.pk)
