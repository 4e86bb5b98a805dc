"""The demo's strike campaign: the alliance calls an open-ended general strike until the federal
agents leave Minneapolis, on condition that 5 % of the workforce of 3 workplaces pledge. Three
weeks in, it is part-way there: the garage is ready, the warehouse and the factory are close.

Loaded by `rankfile.demo.scenario.demo_load()`, after the federation. The pledges are made today
through the real service, by ordinary demo members (never the README's personas, so that they
can pledge themselves on the tour). The three weeks of daily history before today cannot be
made through a service, which only ever writes today's row: they are written directly, as the
same pledges spread over the past days, so that today's totals still equal the pledges.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee, MembershipStatus
from rankfile.demo.decisions import alliance_delegates_seat, motion_decided
from rankfile.demo.people import PERSONA_HANDLES, chair_of
from rankfile.motions.models import MotionKind
from rankfile.strikes import services
from rankfile.strikes.models import Campaign, CampaignDay
from rankfile.strikes.outcomes import campaign_terms_effect, campaign_terms_text
from rankfile.strikes.readiness import meets_threshold

TITLE = "Open-ended general strike until federal agents withdraw from Minneapolis"
DEMANDS = [
    "Withdrawal of all federal immigration agents from Minneapolis",
    "Release of everyone detained in the raids, and an end to deportations",
    "No reprisals against any worker, student or neighbour who strikes",
]
HISTORY_DAYS = 21
# Pledges wanted per base committee (by name), capped by its members who are not personas.
PLEDGES = {
    "Heywood Bus Garage Rank-and-File Committee": 40,  # 650 at 5 %: 33 needed, ready
    "Hennepin General Hospital Workers Committee": 24,  # 45 needed
    "Roosevelt High School Teachers and Students Committee": 15,  # 65 needed
    "Lake Street Distribution Warehouse Committee": 17,  # 24 needed
    "Phillips Neighbourhood Defence Committee": 9,  # no workforce estimate: never "ready"
    "Northside Metal Fabrication Plant Committee": 12,  # 18 needed
}
ENDORSER = "Minneapolis Rank-and-File Coordinating Committee"


def strikes_demo_load(*, seed: int = 1917) -> Campaign:
    rng = random.Random(seed)
    today = timezone.localdate()
    alliance = Committee.objects.get(kind="alliance")
    with transaction.atomic():
        # Started and endorsed by decisions of the delegates, never by one officer.
        alliance_delegates_seat(alliance=alliance)
        terms = {
            "title": TITLE,
            "demands": DEMANDS,
            "starts_on": today + timedelta(days=12),
            "ends_on": None,
            "threshold_percent": 5,
            "threshold_workplaces": 3,
            "deadline_at": timezone.now() + timedelta(days=10),
        }
        proposer = chair_of(alliance)
        motion_decided(
            committee=alliance,
            by=proposer,
            kind=MotionKind.CAMPAIGN_START,
            title=f"Start the campaign “{TITLE}”",
            text=campaign_terms_text(terms),
            effect=campaign_terms_effect(terms=terms, proposer=proposer),
        )
        campaign = Campaign.objects.get(committee=alliance, title=TITLE)
        # The campaign was started three weeks ago: the history below begins then.
        started_at = timezone.now() - timedelta(days=HISTORY_DAYS)
        Campaign.objects.filter(pk=campaign.pk).update(started_at=started_at)
        campaign.started_at = started_at
        for name, wanted in PLEDGES.items():
            committee = Committee.objects.get(name=name)
            people = list(
                Person.objects.filter(
                    memberships__committee=committee,
                    memberships__status=MembershipStatus.ACTIVE,
                )
                .exclude(handle__in=PERSONA_HANDLES)
                .order_by("pk")
            )
            rng.shuffle(people)
            pledgers = people[:wanted]
            for person in pledgers:
                services.pledge_make(campaign=campaign, person=person, committee=committee)
            _spread_over_past_days(campaign, committee, len(pledgers), rng)
        minneapolis = Committee.objects.get(name=ENDORSER)
        motion_decided(
            committee=minneapolis,
            by=chair_of(minneapolis),
            kind=MotionKind.ENDORSE,
            title=f"Endorse the campaign “{TITLE}”",
            text=f"{ENDORSER} endorses the campaign “{TITLE}” started by {alliance.name}.",
            effect={"endorses": "campaign", "campaign_id": campaign.pk},
        )
    return Campaign.objects.get(pk=campaign.pk)


def _spread_over_past_days(
    campaign: Campaign, committee: Committee, pledged: int, rng: random.Random
) -> None:
    """Move all but today's share of the committee's pledges to the past days, as a slow start
    and a quickening: each past day gets some, today keeps the rest. Readiness moves to the day
    the running total first met the threshold."""
    today = timezone.localdate()
    weights = [(n + 1) ** 1.3 * rng.uniform(0.5, 1.5) for n in range(HISTORY_DAYS + 1)]
    total, cumulative, per_day = sum(weights), 0.0, []
    for weight in weights[:-1]:
        before = round(pledged * cumulative / total)
        cumulative += weight
        per_day.append(round(pledged * cumulative / total) - before)
    running, ready_on = 0, None
    for n, count in enumerate(per_day):
        running += count
        if ready_on is None and meets_threshold(
            pledged=running,
            workforce=committee.workforce_estimate,
            percent=campaign.threshold_percent,
        ):
            ready_on = n
    CampaignDay.objects.bulk_create(
        CampaignDay(
            campaign=campaign,
            committee=committee,
            day=today - timedelta(days=HISTORY_DAYS - n),
            pledged=count,
            ready=1 if n == ready_on else 0,
        )
        for n, count in enumerate(per_day)
        if count or n == ready_on
    )
    today_row = CampaignDay.objects.get(campaign=campaign, committee=committee, day=today)
    today_row.pledged -= sum(per_day)
    if ready_on is not None:
        today_row.ready -= 1
    today_row.save(update_fields=["pledged", "ready"])
