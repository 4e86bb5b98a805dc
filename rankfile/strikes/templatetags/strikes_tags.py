from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from rankfile.committees.templatetags.committees_tags import sector_label
from rankfile.strikes.charts import bar

register = template.Library()


@register.filter
def shown_or_fewer(value: int | None, k: int) -> str:
    """A value the figures module already decided to show, or "fewer than k" where it hid it."""
    if value is None:
        return _("fewer than %(k)d") % {"k": int(k)}
    return f"{int(value):,}"


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{number_format(value, 1)} %"


register.filter("sector_label", sector_label)


@register.simple_tag
def share_bar(share_percent: float | None, threshold_percent: int | None) -> SafeString:
    label = _("share not shown") if share_percent is None else f"{share_percent:.1f} %"
    return bar(percent=share_percent, marker=threshold_percent, label=label)


@register.simple_tag
def progress_bar(value: int, goal: int) -> SafeString:
    percent = 100.0 * value / goal if goal else 0.0
    return bar(percent=percent, marker=None, label=f"{value} / {goal}")
