"""Filters for the committees' figures and names, shared by the pages that show them."""

from __future__ import annotations

from django import template

from rankfile.committees.figures import shown_count
from rankfile.committees.models import Sector

register = template.Library()


@register.filter
def k_anonymous(value: int, k: int) -> str:
    """{{ count|k_anonymous:k }} shows a count, or "fewer than k" when it is below k."""
    return str(shown_count(int(value), int(k)))


@register.filter
def sector_label(key: str) -> str:
    """{{ row.key|sector_label }}: a sector's name in the reader's language."""
    return str(dict(Sector.choices).get(key, key))
