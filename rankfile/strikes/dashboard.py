"""Everything a campaign page shows, put together once for the HTML page and the JSON figures.
Only k-anonymous figures (`strikes.figures`) leave this module."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, timedelta
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rankfile.committees.models import Committee, Sector
from rankfile.strikes import charts, selectors
from rankfile.strikes.figures import ShownRollup, shown_rollup, shown_series, strongest_groups
from rankfile.strikes.models import Campaign, CampaignStatus
from rankfile.strikes.selectors import Figures, History, Rollup

CHARTED = {
    "pledged": (
        gettext_lazy("Workers pledged"),
        gettext_lazy("Workers who pledged, at the end of each day"),
    ),
    "ready": (
        gettext_lazy("Workplaces ready"),
        gettext_lazy("Workplaces where the share of the workforce that pledged met the threshold"),
    ),
    "workers_out": (
        gettext_lazy("Workers out"),
        gettext_lazy("Workers out on strike, as reported each day"),
    ),
}
DIMENSIONS = selectors.DIMENSIONS
HISTORY_CACHE_SECONDS = 25 * 3600  # the key holds the day: it is never read the next day


def group_label(key: str, by: str) -> str:
    if by == "sector":
        return str(dict(Sector.choices).get(key, key))
    return key


@dataclasses.dataclass(frozen=True)
class Chart:
    field: str
    title: str
    svg: SafeString
    days: list[date]
    lines: list[tuple[str, list[int | None]]]  # label, daily values (None: hidden)

    @property
    def labels(self) -> list[str]:
        return [label for label, _values in self.lines]

    @property
    def table_rows(self) -> list[tuple[date, list[int | None]]]:
        """Newest day first, a value per line: the chart's data table."""
        by_day = zip(*(values for _label, values in self.lines), strict=True)
        return list(reversed(list(zip(self.days, (list(row) for row in by_day), strict=True))))


@dataclasses.dataclass(frozen=True)
class Dashboard:
    k: int
    figures: ShownRollup
    charts: list[Chart]
    by: str


def campaign_dashboard(
    *, campaign: Campaign, committee: Committee, by: str, with_charts: bool = True
) -> Dashboard:
    k = selectors.rollup_k(committee=committee)
    rollup = selectors.campaign_rollup(campaign=campaign, committee_id=committee.pk)
    shown = shown_rollup(rollup, k)
    built: list[Chart] = []
    if with_charts:
        groups = strongest_groups(shown, by=by)
        history = history_through_today(
            campaign=campaign, committee=committee, by=by, groups=groups, rollup=rollup
        )
        for field, (title, description) in CHARTED.items():
            if field == "ready" and not campaign.has_conditions:
                continue
            if field == "workers_out" and campaign.status == CampaignStatus.COLLECTING:
                continue  # nobody is out before the trigger
            days, total, lines = shown_series(history, rollup, field=field, by=by, k=k)
            labels = [_("All"), *(group_label(line.key, by) for line in lines)]
            series = [
                (label, line.values) for label, line in zip(labels, [total, *lines], strict=True)
            ]
            svg = charts.line_chart(
                chart_id=f"chart-{field}",
                title=str(title),
                description=(
                    _("%(description)s, in total and for the five strongest sectors.")
                    if by == "sector"
                    else _("%(description)s, in total and for the five strongest regions.")
                )
                % {"description": description},
                days=days,
                lines=series,
            )
            built.append(Chart(field=field, title=str(title), svg=svg, days=days, lines=series))
    return Dashboard(k=k, figures=shown, charts=built, by=by)


def history_through_today(
    *, campaign: Campaign, committee: Committee, by: str, groups: list[str], rollup: Rollup
) -> History:
    """The days before today, from the daily history and cached until the day ends (nothing
    writes to past days: pledges and reports change today's rows only); today, from the live
    figures. So a federation-wide history is summed once a day, not at every view. A change
    of the federation itself shows in the past days from the next day."""
    today = timezone.localdate()
    key = "strikes:history:" + ":".join(
        [
            str(campaign.pk),
            str(campaign.started_at.timestamp()),
            str(committee.pk),
            by,
            today.isoformat(),
            hashlib.sha256("\x1f".join(groups).encode()).hexdigest()[:16],
        ]
    )
    past = cache.get(key)
    if past is None:
        past = selectors.campaign_history(
            campaign=campaign,
            committee_id=committee.pk,
            by=by,
            groups=groups,
            last_day=today - timedelta(days=1),
        )
        cache.set(key, past, timeout=HISTORY_CACHE_SECONDS)
    sizes = rollup.by_sector if by == "sector" else rollup.by_region

    def with_today(series: dict[str, list[int]], now: Figures) -> dict[str, list[int]]:
        return {name: [*values, getattr(now, name)] for name, values in series.items()}

    return History(
        days=[*past.days, today],
        total=with_today(past.total, rollup.total),
        groups={
            key: with_today(series, sizes.get(key, Figures()))
            for key, series in past.groups.items()
        },
    )


def dashboard_json(*, campaign: Campaign, committee: Committee) -> dict[str, Any]:
    dashboard = campaign_dashboard(campaign=campaign, committee=committee, by="sector")
    history = {
        chart.field: {
            "days": [day.isoformat() for day in chart.days],
            "total": [f"<{dashboard.k}" if v is None else v for v in chart.lines[0][1]],
        }
        for chart in dashboard.charts
    }
    return {
        "campaign": {
            "id": campaign.pk,
            "title": campaign.title,
            "status": campaign.status,
            "starts_on": campaign.starts_on.isoformat(),
            "ends_on": campaign.ends_on.isoformat() if campaign.ends_on else None,
            "threshold_percent": campaign.threshold_percent,
            "threshold_workplaces": campaign.threshold_workplaces,
            "deadline_at": campaign.deadline_at.isoformat() if campaign.deadline_at else None,
            "triggered_at": campaign.triggered_at.isoformat() if campaign.triggered_at else None,
        },
        "committee": {"slug": committee.slug, "name": committee.name},
        **dashboard.figures.as_json(),
        "history": history,
    }
