"""Shares of a whole, as the bylaws and campaigns state them ("20 % of the members")."""

from __future__ import annotations


def share_needed(total: int, percent: int) -> int:
    """The smallest whole number that is at least `percent` % of `total`: 20 % of 11 is 3.

    Integer arithmetic only, so that no rounding of a float decides a threshold."""
    return -(-percent * total // 100)
