"""What of a roll-up may be shown: k-anonymity applied to the exact figures of `selectors`.

A figure about people (pledged, workers out) in a group of a single base committee is a figure
about that committee, so below k it reads "fewer than k". Whatever would give it away goes with
it: the share of the workforce (times the estimate, it is the count) and whether the workplace
met the threshold. Groups of several base committees are shown as they are.

Pages, the JSON figures and the charts read only these objects, never the exact ones.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from rankfile.committees.figures import ShownCount, shown_count
from rankfile.strikes.selectors import Figures, History, Rollup


@dataclasses.dataclass(frozen=True)
class ShownFigures:
    key: str
    base_committees: int
    workplaces: int
    workforce: int
    pledged: ShownCount
    share_percent: float | None  # of the workforce, pledged; None when unknown or hidden
    ready: int | None  # None when hidden
    out: int
    partial: int
    working: int
    workers_out: ShownCount

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "base_committees": self.base_committees,
            "workplaces_with_estimate": self.workplaces,
            "workforce": self.workforce,
            "pledged": self.pledged.as_json(),
            "share_of_workforce_percent": (
                None if self.share_percent is None else round(self.share_percent, 1)
            ),
            "workplaces_ready": self.ready,
            "workplaces_out": self.out,
            "workplaces_partly_out": self.partial,
            "workplaces_working": self.working,
            "workers_out": self.workers_out.as_json(),
        }


def _people(value: int, k: int, *, single: bool) -> ShownCount:
    return shown_count(value, k) if single else ShownCount(value, k)


def shown_figures(key: str, figures: Figures, k: int) -> ShownFigures:
    single = figures.base_committees <= 1
    pledged = _people(figures.pledged, k, single=single)
    share = None
    if not pledged.is_hidden and figures.workforce > 0:
        share = 100.0 * figures.pledged_in_workplaces / figures.workforce
    return ShownFigures(
        key=key,
        base_committees=figures.base_committees,
        workplaces=figures.workplaces,
        workforce=figures.workforce,
        pledged=pledged,
        share_percent=share,
        ready=None if pledged.is_hidden else figures.ready,
        out=figures.out,
        partial=figures.partial,
        working=figures.working,
        workers_out=_people(figures.workers_out, k, single=single),
    )


def _sort_key(row: ShownFigures) -> tuple[float, int, str]:
    # Sort by what is shown only: a hidden row placed by its true value would betray it.
    shown = -1 if row.pledged.is_hidden else (row.pledged.value or 0)
    return (-(row.share_percent if row.share_percent is not None else -1.0), -shown, row.key)


@dataclasses.dataclass(frozen=True)
class ShownRollup:
    k: int
    total: ShownFigures
    by_sector: list[ShownFigures]
    by_region: list[ShownFigures]

    def as_json(self) -> dict[str, Any]:
        return {
            "k": self.k,
            "total": self.total.as_json(),
            "by_sector": [row.as_json() for row in self.by_sector],
            "by_region": [row.as_json() for row in self.by_region],
        }


def shown_rollup(rollup: Rollup, k: int) -> ShownRollup:
    """Rows sorted strongest first: by share of the workforce pledged, then by pledges."""
    return ShownRollup(
        k=k,
        total=shown_figures("", rollup.total, k),
        by_sector=sorted(
            (shown_figures(key, f, k) for key, f in rollup.by_sector.items()), key=_sort_key
        ),
        by_region=sorted(
            (shown_figures(key, f, k) for key, f in rollup.by_region.items()), key=_sort_key
        ),
    )


@dataclasses.dataclass(frozen=True)
class ShownSeries:
    """One line of a chart: a label and a value per day, None where hidden."""

    key: str
    values: list[int | None]


def shown_series(
    history: History, rollup: Rollup, *, field: str, by: str, k: int
) -> tuple[list[date], ShownSeries, list[ShownSeries]]:
    """The total and each group of the history, for one figure over time. A group of a single
    base committee hides each day's people-figure below k; "ready" is hidden there on the days
    its pledges are."""
    sizes = rollup.by_sector if by == "sector" else rollup.by_region
    # The people-figure whose hiding hides this one; statuses of workplaces hide nothing.
    people_field = {"pledged": "pledged", "ready": "pledged", "workers_out": "workers_out"}.get(
        field
    )

    def line(key: str, series: dict[str, list[int]], single: bool) -> ShownSeries:
        if people_field is None or not single:
            return ShownSeries(key, list(series[field]))
        values: list[int | None] = []
        for value, people in zip(series[field], series[people_field], strict=True):
            values.append(None if shown_count(people, k).is_hidden else value)
        return ShownSeries(key, values)

    total = line("", history.total, rollup.total.base_committees <= 1)
    groups = [
        line(key, series, sizes.get(key, Figures()).base_committees <= 1)
        for key, series in history.groups.items()
    ]
    return history.days, total, groups


def strongest_groups(shown: ShownRollup, *, by: str, limit: int = 5) -> list[str]:
    """The groups with the most pledges shown (hidden ones last): the lines a chart draws."""
    rows = shown.by_sector if by == "sector" else shown.by_region
    ranked = sorted(
        rows,
        key=lambda row: (-(row.pledged.value if row.pledged.value is not None else -1), row.key),
    )
    return [row.key for row in ranked[:limit]]
