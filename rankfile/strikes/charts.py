"""Charts as inline SVG, drawn on the server: no script, no third-party request, no style
attribute (the content security policy forbids inline styles; SVG presentation attributes are
not styles). Each chart has a title and a description for screen readers, and the page shows
the same numbers in a table next to it. Lines differ by dash pattern as well as colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COLOURS = ("#a4161a", "#1a56db", "#1e6b34", "#8a4b00", "#6b21a8", "#0f766e")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 3")
WIDTH, PLOT_TOP, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT = 360, 12, 150, 44, 350
LEGEND_ROW = 16


def _number(value: int) -> str:
    return f"{value:,}"


def _segments(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Runs of consecutive known points; a hidden day breaks the line."""
    runs: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for point in points:
        if point is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(point)
    if current:
        runs.append(current)
    return runs


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    days: Sequence[date],
    lines: Sequence[tuple[str, Sequence[int | None]]],
) -> SafeString:
    """A line per (label, daily values); the first line is drawn thicker (the total)."""
    known = [value for _label, values in lines for value in values if value is not None]
    top = max([*known, 1])
    span = max(len(days) - 1, 1)
    height = PLOT_BOTTOM + 24 + LEGEND_ROW * len(lines)

    def point(n: int, value: int) -> tuple[float, float]:
        return (
            PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * n / span,
            PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * value / top,
        )

    parts = _frame(chart_id=chart_id, title=title, description=description, height=height)
    parts.extend(_value_axis(top))
    parts.extend(_date_axis(days))
    for number, (label, values) in enumerate(lines):
        points = [None if v is None else point(n, v) for n, v in enumerate(values)]
        parts.extend(_series(number, label, points))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 -- every text is escaped where it is drawn


def _frame(*, chart_id: str, title: str, description: str, height: int) -> list[str]:
    """The opening tag, with the title and description screen readers announce."""
    return [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _value_axis(top: int) -> list[str]:
    """The base line and the top line, labelled 0 and `top`."""
    return [
        f'<line x1="{PLOT_LEFT}" y1="{PLOT_BOTTOM}" x2="{PLOT_RIGHT}" y2="{PLOT_BOTTOM}" '
        'stroke="#767676" stroke-width="1"/>',
        f'<line x1="{PLOT_LEFT}" y1="{PLOT_TOP}" x2="{PLOT_RIGHT}" y2="{PLOT_TOP}" '
        'stroke="#d4d4d4" stroke-width="1"/>',
        f'<text x="{PLOT_LEFT - 4}" y="{PLOT_TOP + 4}" text-anchor="end" font-size="11" '
        f'fill="#4f4f4f">{_number(top)}</text>',
        f'<text x="{PLOT_LEFT - 4}" y="{PLOT_BOTTOM + 4}" text-anchor="end" font-size="11" '
        'fill="#4f4f4f">0</text>',
    ]


def _date_axis(days: Sequence[date]) -> list[str]:
    """The first and the last day, under the ends of the plot."""
    if not days:
        return []
    first = escape(formats.date_format(days[0], "SHORT_DATE_FORMAT"))
    last = escape(formats.date_format(days[-1], "SHORT_DATE_FORMAT"))
    return [
        f'<text x="{PLOT_LEFT}" y="{PLOT_BOTTOM + 16}" font-size="11" fill="#4f4f4f">'
        f"{first}</text>",
        f'<text x="{PLOT_RIGHT}" y="{PLOT_BOTTOM + 16}" text-anchor="end" font-size="11" '
        f'fill="#4f4f4f">{last}</text>',
    ]


def _series(number: int, label: str, points: list[tuple[float, float] | None]) -> list[str]:
    """The `number`th line (its runs, a lone point as a dot) and its entry in the legend."""
    colour, dash = COLOURS[number % len(COLOURS)], DASHES[number % len(DASHES)]
    width = 3 if number == 0 else 2
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    parts = []
    for run in _segments(points):
        if len(run) == 1:
            parts.append(
                f'<circle cx="{run[0][0]:.1f}" cy="{run[0][1]:.1f}" r="2.5" fill="{colour}"/>'
            )
            continue
        coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour}" '
            f'stroke-width="{width}"{dash_attr} stroke-linejoin="round"/>'
        )
    legend_y = PLOT_BOTTOM + 24 + LEGEND_ROW * number + 8
    parts.append(
        f'<line x1="{PLOT_LEFT}" y1="{legend_y - 4}" x2="{PLOT_LEFT + 24}" y2="{legend_y - 4}" '
        f'stroke="{colour}" stroke-width="{width}"{dash_attr}/>'
    )
    parts.append(
        f'<text x="{PLOT_LEFT + 30}" y="{legend_y}" font-size="11" fill="#1b1b1b">'
        f"{escape(label)}</text>"
    )
    return parts


def bar(*, percent: float | None, marker: float | None, label: str) -> SafeString:
    """A horizontal bar of a share (0-100), with an optional mark at the threshold."""
    parts = [
        f'<svg class="bar" viewBox="0 0 100 10" role="img" aria-label="{escape(label)}" '
        'preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg">',
        '<rect x="0" y="0" width="100" height="10" fill="#e8e4df"/>',
    ]
    if percent is not None:
        parts.append(
            f'<rect x="0" y="0" width="{min(percent, 100.0):.1f}" height="10" fill="#a4161a"/>'
        )
    if marker is not None:
        parts.append(
            f'<line x1="{marker:.1f}" y1="0" x2="{marker:.1f}" y2="10" stroke="#1b1b1b" '
            'stroke-width="1.5"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 -- the label is escaped
