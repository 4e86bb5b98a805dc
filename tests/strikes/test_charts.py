"""Inline SVG charts: accessible, escaped, no request to anywhere."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import translation

from rankfile.strikes.charts import bar, line_chart

DAYS = [date(2026, 1, 1) + timedelta(days=n) for n in range(5)]


def test_it_draws_a_titled_accessible_line_chart_with_a_line_per_series():
    svg = line_chart(
        chart_id="c",
        title="Workers pledged",
        description="per day",
        days=DAYS,
        lines=[("All", [1, 2, 3, 4, 5]), ("Transit", [0, 1, 1, 2, 2])],
    )
    assert svg.startswith('<svg class="chart" viewBox="0 0 360 ')
    assert 'role="img"' in svg and 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Workers pledged</title>' in svg
    assert svg.count("<polyline") == 2
    assert 'stroke-dasharray="6 3"' in svg  # the second line differs by more than colour


def test_it_breaks_a_line_where_a_day_is_hidden():
    svg = line_chart(
        chart_id="c",
        title="t",
        description="d",
        days=DAYS,
        lines=[("Health", [6, 7, None, 8, 9])],
    )
    assert svg.count("<polyline") == 2


def test_it_escapes_labels():
    svg = line_chart(
        chart_id="c", title="<script>", description="d", days=DAYS, lines=[("<b>", [1] * 5)]
    )
    assert "<script>" not in svg and "<b>" not in svg and "&lt;b&gt;" in svg


def test_it_draws_a_bar_with_the_threshold_marked():
    svg = bar(percent=140.0, marker=50, label="140 %")
    assert 'width="100.0"' in svg and 'x1="50.0"' in svg and 'aria-label="140 %"' in svg


# Pinned byte for byte: the drawing code may change shape, the picture may not.
PINNED_CHART = (
    '<svg class="chart" viewBox="0 0 360 222" role="img" aria-labelledby="p-title p-desc" '
    'xmlns="http://www.w3.org/2000/svg">'
    '<title id="p-title">Pledged &amp; counted</title>'
    '<desc id="p-desc">per day</desc>'
    '<line x1="44" y1="150" x2="350" y2="150" stroke="#767676" stroke-width="1"/>'
    '<line x1="44" y1="12" x2="350" y2="12" stroke="#d4d4d4" stroke-width="1"/>'
    '<text x="40" y="16" text-anchor="end" font-size="11" fill="#4f4f4f">3,600</text>'
    '<text x="40" y="154" text-anchor="end" font-size="11" fill="#4f4f4f">0</text>'
    '<text x="44" y="166" font-size="11" fill="#4f4f4f">01/01/2026</text>'
    '<text x="350" y="166" text-anchor="end" font-size="11" fill="#4f4f4f">01/03/2026</text>'
    '<polyline points="44.0,104.0 197.0,58.0 350.0,12.0" fill="none" stroke="#a4161a" '
    'stroke-width="3" stroke-linejoin="round"/>'
    '<line x1="44" y1="178" x2="68" y2="178" stroke="#a4161a" stroke-width="3"/>'
    '<text x="74" y="182" font-size="11" fill="#1b1b1b">All</text>'
    '<circle cx="44.0" cy="146.2" r="2.5" fill="#1a56db"/>'
    '<circle cx="350.0" cy="138.5" r="2.5" fill="#1a56db"/>'
    '<line x1="44" y1="194" x2="68" y2="194" stroke="#1a56db" stroke-width="2" '
    'stroke-dasharray="6 3"/>'
    '<text x="74" y="198" font-size="11" fill="#1b1b1b">Rail</text>'
    '<polyline points="44.0,150.0 197.0,148.1 350.0,146.9" fill="none" stroke="#1e6b34" '
    'stroke-width="2" stroke-dasharray="2 3" stroke-linejoin="round"/>'
    '<line x1="44" y1="210" x2="68" y2="210" stroke="#1e6b34" stroke-width="2" '
    'stroke-dasharray="2 3"/>'
    '<text x="74" y="214" font-size="11" fill="#1b1b1b">Health</text>'
    "</svg>"
)
PINNED_EMPTY_CHART = (
    '<svg class="chart" viewBox="0 0 360 174" role="img" aria-labelledby="e-title e-desc" '
    'xmlns="http://www.w3.org/2000/svg">'
    '<title id="e-title">t</title>'
    '<desc id="e-desc">d</desc>'
    '<line x1="44" y1="150" x2="350" y2="150" stroke="#767676" stroke-width="1"/>'
    '<line x1="44" y1="12" x2="350" y2="12" stroke="#d4d4d4" stroke-width="1"/>'
    '<text x="40" y="16" text-anchor="end" font-size="11" fill="#4f4f4f">1</text>'
    '<text x="40" y="154" text-anchor="end" font-size="11" fill="#4f4f4f">0</text>'
    "</svg>"
)


def test_it_draws_exactly_the_pinned_svg():
    with translation.override("en"):
        svg = line_chart(
            chart_id="p",
            title="Pledged & counted",
            description="per day",
            days=DAYS[:3],
            lines=[
                ("All", [1200, 2400, 3600]),
                ("Rail", [100, None, 300]),
                ("Health", [0, 50, 80]),
            ],
        )
        empty = line_chart(chart_id="e", title="t", description="d", days=[], lines=[])
    assert svg == PINNED_CHART
    assert empty == PINNED_EMPTY_CHART
