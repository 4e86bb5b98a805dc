"""Small pieces the methods share: seat checks, the tie-breaker, totals keyed by name."""

from __future__ import annotations

from collections.abc import Sequence

from rankfile.tally.errors import TallyInputError
from rankfile.tally.profile import Profile
from rankfile.tally.ties import TieBreaker


def resolve_seats(profile: Profile, seats: int | None, *, default: int = 1) -> int:
    chosen = seats if seats is not None else (profile.seats if profile.seats else default)
    if chosen < 1:
        raise TallyInputError(f"seats must be at least 1, got {chosen}", source=profile.source)
    return chosen


def require_ballots(profile: Profile) -> None:
    if profile.n_rows == 0:
        raise TallyInputError("no ballots to count", source=profile.source)


def seats_to_fill(profile: Profile, seats: int | None) -> int:
    """The seats a count of `profile` fills (see `resolve_seats`); there must be ballots."""
    chosen = resolve_seats(profile, seats)
    require_ballots(profile)
    return chosen


def tie_breaker(profile: Profile, seed: str | None) -> TieBreaker:
    """Seeded with `seed`, or lazily with the profile digest (computed only if a lot is drawn)."""
    return TieBreaker(profile.candidates, seed if seed is not None else profile.digest)


def by_name(names: Sequence[str], values: Sequence[int]) -> dict[str, int]:
    return {name: int(value) for name, value in zip(names, values, strict=True)}


def nonzero_by_name(names: Sequence[str], values: Sequence[int]) -> dict[str, int]:
    return {name: int(value) for name, value in zip(names, values, strict=True) if value}


def lot_seed_rule(seed: str | None) -> str:
    if seed is None:
        return "earlier counts, then lot seeded with the SHA-256 digest of the ballots"
    return f"earlier counts, then lot seeded with {seed!r}"
