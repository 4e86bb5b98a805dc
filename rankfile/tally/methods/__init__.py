"""The counting methods, and `count`, which picks one by name."""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction

from rankfile.tally.errors import TallyInputError
from rankfile.tally.methods.irv import irv
from rankfile.tally.methods.meek import meek_prf, meek_stv
from rankfile.tally.methods.schulze import schulze
from rankfile.tally.methods.simple import approval, plurality, yesno
from rankfile.tally.methods.stv import scottish_stv
from rankfile.tally.profile import Profile
from rankfile.tally.result import Result

METHODS = ("plurality", "approval", "yesno", "irv", "stv", "meek", "meek-prf", "schulze")

__all__ = [
    "METHODS",
    "approval",
    "count",
    "default_method",
    "irv",
    "meek_prf",
    "meek_stv",
    "plurality",
    "schulze",
    "scottish_stv",
    "yesno",
]


def default_method(profile: Profile, seats: int | None = None) -> str:
    """The file's own method if it names one, else STV for several seats and IRV for one."""
    if profile.method in METHODS:
        return profile.method
    chosen = seats if seats is not None else profile.seats
    return "stv" if chosen and chosen > 1 else "irv"


def count(
    profile: Profile,
    method: str | None = None,
    *,
    seats: int | None = None,
    seed: str | None = None,
    ties: str | None = None,
    tie_order: Sequence[str] | None = None,
    batch_elimination: bool = False,
    majority: str | None = None,
    abstentions_count: bool | None = None,
    default_option: str | None = None,
    majority_ratio: Fraction = Fraction(1),
) -> Result:
    """Count `profile` by `method` (default: `default_method`). Options a method does not use
    are ignored; missing yes/no options fall back to the profile's metadata, then defaults.
    `ties` is the tie rule (`rankfile.tally.ties.TIE_RULES`, default lookback) and `tie_order`
    the predetermined order of candidates it uses (highest first); given neither, the rule
    the file carries (a board's), else the default."""
    name = method or default_method(profile, seats)
    if ties is None and tie_order is None:
        ties, tie_order = _profile_tie_rule(profile)
    if name == "plurality":
        return plurality(profile, seats, seed=seed, ties=ties, tie_order=tie_order)
    if name == "approval":
        return approval(profile, seats, seed=seed, ties=ties, tie_order=tie_order)
    if name == "yesno":
        chosen_majority = majority or profile.metadata.get("majority", "simple")
        abstaining = abstentions_count
        if abstaining is None:
            abstaining = profile.metadata.get("abstentions_count", "false") == "true"
        return yesno(profile, majority=chosen_majority, abstentions_count=abstaining)
    if name == "irv":
        if seats is not None and seats != 1:
            raise TallyInputError(
                "IRV fills one seat; use stv or meek for several", source=profile.source
            )
        return irv(
            profile, batch_elimination=batch_elimination, seed=seed, ties=ties, tie_order=tie_order
        )
    if name == "stv":
        return scottish_stv(profile, seats, seed=seed, ties=ties, tie_order=tie_order)
    if name == "meek":
        return meek_stv(profile, seats, seed=seed, ties=ties, tie_order=tie_order)
    if name == "meek-prf":
        return meek_prf(profile, seats, seed=seed, ties=ties, tie_order=tie_order)
    if name == "schulze":
        option = default_option or profile.metadata.get("default_option")
        return schulze(
            profile,
            seats,
            default_option=option,
            majority_ratio=majority_ratio,
            seed=seed,
            ties=ties,
            tie_order=tie_order,
        )
    raise TallyInputError(f"unknown method {name!r}; choose one of {', '.join(METHODS)}")


def _profile_tie_rule(profile: Profile) -> tuple[str | None, list[str] | None]:
    """The tie rule a file carries (a board's poll.ties and poll.tie_order), if any."""
    order = profile.metadata.get("tie_order")
    return profile.metadata.get("ties"), None if order is None else json.loads(order)
