"""Inline SVG charts: accessible, escaped, no request to anywhere."""

from __future__ import annotations

from datetime import date, timedelta

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
