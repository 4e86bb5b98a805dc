"""Reads shared by the campaign pages, the JSON figures and the benchmark.

Roll-ups follow `committees.selectors.federation_rollup`: one grouped query over the closure
table, so a base committee under two coordinating committees counts once for their common
ancestor. The numbers returned here are exact; `strikes.figures` decides what may be shown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from django.db import connection
from django.db.models import Prefetch, QuerySet, Sum
from django.utils import timezone

from rankfile.accounts.models import Person
from rankfile.committees.access import OFFICER_KINDS
from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.models import BASE_KINDS, Committee, CommitteeClosure, Role
from rankfile.core.shares import share_needed
from rankfile.strikes.holders import pledge_holder
from rankfile.strikes.models import (
    Campaign,
    CampaignDemand,
    Endorsement,
    Pledge,
    PledgeCount,
    StrikeReport,
    StrikeState,
)
from rankfile.strikes.readiness import meets_threshold

HISTORY_MAX_DAYS = 366


@dataclasses.dataclass(frozen=True)
class Figures:
    """Exact figures over a group of base committees."""

    base_committees: int = 0
    workplaces: int = 0  # base committees with a workforce estimate
    workforce: int = 0
    pledged: int = 0
    pledged_in_workplaces: int = 0  # pledges in base committees with a workforce estimate
    ready: int = 0
    out: int = 0
    partial: int = 0
    working: int = 0
    workers_out: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            *(
                getattr(self, field.name) + getattr(other, field.name)
                for field in dataclasses.fields(self)
            )
        )


@dataclasses.dataclass(frozen=True)
class Rollup:
    total: Figures
    by_sector: dict[str, Figures]
    by_region: dict[str, Figures]


_ROLLUP_SQL = """
SELECT c.sector, c.region,
       COUNT(*),
       SUM(CASE WHEN c.workforce_estimate > 0 THEN 1 ELSE 0 END),
       COALESCE(SUM(c.workforce_estimate), 0),
       COALESCE(SUM(pc.count), 0),
       COALESCE(SUM(CASE WHEN c.workforce_estimate > 0 THEN pc.count ELSE 0 END), 0),
       SUM(CASE WHEN c.workforce_estimate > 0
                 AND pc.count * 100 >= CAST(%s AS integer) * c.workforce_estimate
            THEN 1 ELSE 0 END),
       SUM(CASE WHEN ss.status = 'out' THEN 1 ELSE 0 END),
       SUM(CASE WHEN ss.status = 'partial' THEN 1 ELSE 0 END),
       SUM(CASE WHEN ss.status = 'working' THEN 1 ELSE 0 END),
       COALESCE(SUM(ss.workers_out), 0)
FROM committees_committeeclosure cl
JOIN committees_committee c ON c.id = cl.descendant_id
LEFT JOIN strikes_pledgecount pc ON pc.committee_id = c.id AND pc.campaign_id = %s
LEFT JOIN strikes_strikestate ss ON ss.committee_id = c.id AND ss.campaign_id = %s
WHERE cl.ancestor_id = %s AND c.kind IN (%s, %s, %s)
GROUP BY c.sector, c.region
"""


def campaign_rollup(*, campaign: Campaign, committee_id: int) -> Rollup:
    """The campaign's figures over the base committees under `committee_id` (each once), by
    sector and by region, from the current workforce estimates. One query."""
    # A campaign without conditions has no threshold: NULL makes no workplace "ready".
    percent = campaign.threshold_percent
    with connection.cursor() as cursor:
        cursor.execute(
            _ROLLUP_SQL,
            [percent, campaign.pk, campaign.pk, committee_id, *[str(k) for k in BASE_KINDS]],
        )
        rows = cursor.fetchall()
    # Summed in plain lists: a federation has thousands of (sector, region) pairs.
    width = len(dataclasses.fields(Figures))
    by_sector: dict[str, list[int]] = {}
    by_region: dict[str, list[int]] = {}
    total = [0] * width
    for sector, region, *values in rows:
        numbers = [int(value or 0) for value in values]
        for sums in (
            by_sector.setdefault(sector, [0] * width),
            by_region.setdefault(region, [0] * width),
            total,
        ):
            for n, number in enumerate(numbers):
                sums[n] += number
    return Rollup(
        total=Figures(*total),
        by_sector={key: Figures(*sums) for key, sums in by_sector.items()},
        by_region={key: Figures(*sums) for key, sums in by_region.items()},
    )


@dataclasses.dataclass(frozen=True)
class History:
    """Daily figures (the state at the end of each day), oldest first: in total, and for the
    requested groups of one dimension (sectors or regions)."""

    days: list[date]
    total: dict[str, list[int]]
    groups: dict[str, dict[str, list[int]]]


HISTORY_FIELDS = ("pledged", "ready", "out", "partial", "working", "workers_out")
DIMENSIONS = ("sector", "region")


def _history_sql(column: str, groups: int) -> str:
    # Only the groups the charts draw are kept apart; the rest count in the total only. That
    # keeps the answer to days x (groups + 1) rows even with thousands of regions.
    group = "''"
    if groups:
        group = (
            f"CASE WHEN c.{column} IN ({', '.join(['%s'] * groups)}) THEN c.{column} ELSE '' END"
        )
    return f"""
SELECT d.day, {group}, SUM(d.pledged), SUM(d.ready), SUM(d.out), SUM(d.partial),
       SUM(d.working), SUM(d.workers_out)
FROM strikes_campaignday d
JOIN committees_committeeclosure cl ON cl.descendant_id = d.committee_id AND cl.ancestor_id = %s
JOIN committees_committee c ON c.id = d.committee_id
WHERE d.campaign_id = %s AND d.day <= %s
GROUP BY 1, 2
"""


def campaign_history(
    *,
    campaign: Campaign,
    committee_id: int,
    by: str = "sector",
    groups: Sequence[str] = (),
    last_day: date | None = None,
) -> History:
    """The campaign's figures at the end of each day up to `last_day` (today by default), over
    the base committees under `committee_id`: the running sums of the daily changes, in total
    and for each of `groups` (sectors or regions, as `by` says). One query."""
    if by not in DIMENSIONS:
        raise ValueError(f"by must be one of {DIMENSIONS}")
    last_day = last_day or timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(
            _history_sql(by, len(groups)), [*groups, committee_id, campaign.pk, last_day]
        )
        rows = cursor.fetchall()
    first = min(
        [timezone.localdate(campaign.started_at), *(_as_date(row[0]) for row in rows)],
        default=last_day,
    )
    first = max(first, last_day - timedelta(days=HISTORY_MAX_DAYS - 1))
    days = [first + timedelta(days=n) for n in range((last_day - first).days + 1)]
    index = {day: n for n, day in enumerate(days)}
    size = len(days)

    def blank() -> dict[str, list[int]]:
        return {name: [0] * size for name in HISTORY_FIELDS}

    total = blank()
    by_group: dict[str, dict[str, list[int]]] = {key: blank() for key in groups}
    for raw_day, group, *changes in rows:
        # Changes before the window still count: they are added to its first day.
        n = index.get(max(_as_date(raw_day), first))
        if n is None:
            continue
        for name, change in zip(HISTORY_FIELDS, changes, strict=True):
            value = int(change or 0)
            total[name][n] += value
            if group:
                by_group[group][name][n] += value
    for series in [total, *by_group.values()]:
        for values in series.values():
            running = 0
            for n, value in enumerate(values):
                running += value
                values[n] = running
    return History(days=days, total=total, groups=by_group)


def _as_date(value: object) -> date:
    # SQLite returns dates from raw SQL as text.
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def rollup_k(*, committee: Committee) -> int:
    """The k for figures shown on a roll-up: the committee's own (inherited) k, or a larger one
    that a committee beneath it set for itself, so that no base committee's figures are shown
    with a smaller k than its own bylaws ask."""
    k = bylaws_effective(committee=committee).k_anonymity
    setting_k = dict(
        Committee.objects.filter(bylaws_overrides__has_key="k_anonymity").values_list(
            "pk", "bylaws_overrides"
        )
    )
    if setting_k:
        below = CommitteeClosure.objects.filter(
            ancestor_id=committee.pk, descendant_id__in=list(setting_k)
        ).values_list("descendant_id", flat=True)
        for pk in below:
            k = max(k, int(setting_k[pk]["k_anonymity"]))
    return k


def campaign_demands(*, campaign: Campaign) -> list[str]:
    return list(
        CampaignDemand.objects.filter(campaign=campaign)
        .order_by("position")
        .values_list("demand__text", flat=True)
    )


def campaigns_with_demands(campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
    links = CampaignDemand.objects.select_related("demand").order_by("position")
    return campaigns.select_related("committee").prefetch_related(
        Prefetch("demand_links", queryset=links, to_attr="ordered_demand_links")
    )


@dataclasses.dataclass(frozen=True)
class EndorsementRow:
    committee: Committee
    workforce: int  # the workers the committee represents: the estimates of its base committees


def campaign_endorsements(*, campaign: Campaign) -> list[EndorsementRow]:
    endorsements = list(
        Endorsement.objects.filter(campaign=campaign)
        .select_related("committee")
        .order_by("committee__name")
    )
    workforce = dict(
        CommitteeClosure.objects.filter(
            ancestor_id__in=[e.committee_id for e in endorsements],
            descendant__kind__in=BASE_KINDS,
        )
        .values("ancestor_id")
        .annotate(workforce=Sum("descendant__workforce_estimate"))
        .values_list("ancestor_id", "workforce")
    )
    return [
        EndorsementRow(e.committee, int(workforce.get(e.committee_id) or 0)) for e in endorsements
    ]


def pledges_of_person(*, person: Person, campaign_ids: Iterable[int]) -> dict[int, Pledge]:
    """The person's own pledges, found by recomputing their holders: one query."""
    holders = {
        pledge_holder(person_id=person.pk, campaign_id=campaign_id): campaign_id
        for campaign_id in campaign_ids
    }
    if not holders:
        return {}
    found = Pledge.objects.filter(holder__in=list(holders)).select_related("committee")
    return {
        pledge.campaign_id: pledge
        for pledge in found
        if holders.get(pledge.holder) == pledge.campaign_id
    }


def committee_reports(
    *, campaign: Campaign, committee: Committee, limit: int = 50
) -> QuerySet[StrikeReport]:
    return StrikeReport.objects.filter(campaign=campaign, committee=committee).order_by(
        "-reported_at", "-id"
    )[:limit]


@dataclasses.dataclass(frozen=True)
class MyWorkplace:
    """A covered base committee the viewer is in: its own figures, shown to its members exactly
    (k-anonymity protects a committee's figures from outside it, not from itself)."""

    committee: Committee
    pledged: int
    needed: int | None  # pledges still missing to meet the threshold
    is_ready: bool
    is_officer: bool
    state: StrikeState | None


def my_workplaces(
    *, person: Person, campaign: Campaign, committees: list[Committee]
) -> list[MyWorkplace]:
    """The person's own workplaces among `committees` (those the campaign covers), in order."""
    ids = [c.pk for c in committees]
    counts = dict(
        PledgeCount.objects.filter(campaign=campaign, committee_id__in=ids).values_list(
            "committee_id", "count"
        )
    )
    states = {
        s.committee_id: s
        for s in StrikeState.objects.filter(campaign=campaign, committee_id__in=ids)
    }
    officer_of = set(
        Role.objects.filter(
            person_id=person.pk, committee_id__in=ids, kind__in=OFFICER_KINDS, ended_at__isnull=True
        ).values_list("committee_id", flat=True)
    )
    rows: list[MyWorkplace] = []
    for committee in committees:
        pledged = counts.get(committee.pk, 0)
        needed = None
        if campaign.threshold_percent and committee.workforce_estimate:
            target = share_needed(committee.workforce_estimate, campaign.threshold_percent)
            needed = max(target - pledged, 0)
        rows.append(
            MyWorkplace(
                committee=committee,
                pledged=pledged,
                needed=needed,
                is_ready=meets_threshold(
                    pledged=pledged,
                    workforce=committee.workforce_estimate,
                    percent=campaign.threshold_percent,
                ),
                is_officer=committee.pk in officer_of,
                state=states.get(committee.pk),
            )
        )
    return rows
