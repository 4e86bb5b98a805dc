"""Everything a campaign page shows, put together once for the HTML page and the JSON figures.
Only k-anonymous figures (`strikes.figures`) leave this module."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from rankfile.committees.models import Committee, Sector
from rankfile.strikes import charts, selectors
from rankfile.strikes.figures import ShownRollup, ShownSeries, shown_rollup, shown_series
from rankfile.strikes.models import Campaign, CampaignStatus

CHARTED = {
    "pledged": (_("Workers pledged"), _("Workers who pledged, at the end of each day")),
    "ready": (
        _("Workplaces ready"),
        _("Workplaces where the share of the workforce that pledged met the threshold"),
    ),
    "workers_out": (_("Workers out"), _("Workers out on strike, as reported each day")),
}
DIMENSIONS = ("sector", "region")


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
        history = selectors.campaign_history(campaign=campaign, committee_id=committee.pk)
        for field, (title, description) in CHARTED.items():
            if field == "ready" and not campaign.has_conditions:
                continue
            if field == "workers_out" and campaign.status == CampaignStatus.COLLECTING:
                continue  # nobody is out before the trigger
            days, total, groups = shown_series(history, rollup, field=field, by=by, k=k)
            lines: list[ShownSeries] = [total, *groups]
            labels = [_("All"), *(group_label(line.key, by) for line in groups)]
            svg = charts.line_chart(
                chart_id=f"chart-{field}",
                title=str(title),
                description=_("%(description)s, in total and for the strongest %(by)s groups.")
                % {"description": description, "by": by},
                days=days,
                lines=[(label, line.values) for label, line in zip(labels, lines, strict=True)],
            )
            built.append(
                Chart(
                    field=field,
                    title=str(title),
                    svg=svg,
                    days=days,
                    lines=[(label, line.values) for label, line in zip(labels, lines, strict=True)],
                )
            )
    return Dashboard(k=k, figures=shown, charts=built, by=by)


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
