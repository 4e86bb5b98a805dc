"""When a base committee counts as ready: the trigger rule for one workplace."""

from __future__ import annotations


def meets_threshold(*, pledged: int, workforce: int | None, percent: int | None) -> bool:
    """At least `percent` % of the workforce estimate pledged, in whole numbers (no rounding):
    with a workforce of 650 and 50 %, the 325th pledge makes the workplace ready. A committee
    without a workforce estimate is never ready: its share cannot be known."""
    if percent is None or not workforce or workforce <= 0:
        return False
    return pledged * 100 >= percent * workforce
