"""Small pieces the methods share: seat checks, the tie-breaker, totals keyed by name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rankfile.tally.errors import TallyInputError
from rankfile.tally.profile import Profile
from rankfile.tally.ties import DEFAULT_TIE_RULE, TieBreaker, tie_order_ranks, tie_rule_text


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


@dataclass(frozen=True)
class TieRule:
    """How a count breaks ties (see `rankfile.tally.ties`): the rule, its order, the lot seed."""

    rule: str = DEFAULT_TIE_RULE
    order: tuple[str, ...] | None = None
    seed: str | None = None

    @classmethod
    def of(cls, rule: str | None, order: Sequence[str] | None, seed: str | None) -> TieRule:
        """A tie order alone means the order rule; with another rule it would be unused."""
        if order is None:
            return cls(rule or DEFAULT_TIE_RULE, None, seed)
        if rule not in (None, "order"):
            raise TallyInputError(f"a tie order is for the order rule, not {rule}")
        return cls("order", tuple(order), seed)

    def text(self) -> str:
        return tie_rule_text(self.rule, self.seed, self.order)

    def record(self) -> dict[str, object]:
        """What `Result.rules` keeps, so that a recount can be told the same rule."""
        return {
            "tie_break": self.text(),
            "ties": self.rule,
            "tie_order": None if self.order is None else list(self.order),
        }


def tie_breaker(profile: Profile, ties: TieRule) -> TieBreaker:
    """Seeded with the rule's seed, or lazily with the profile digest (only if a lot is drawn)."""
    ranks = tie_order_ranks(profile.candidates, profile.eligible, ties.order)
    seed = ties.seed if ties.seed is not None else profile.digest
    return TieBreaker(profile.candidates, seed, rule=ties.rule, ranks=ranks)


def by_name(names: Sequence[str], values: Sequence[int]) -> dict[str, int]:
    return {name: int(value) for name, value in zip(names, values, strict=True)}


def nonzero_by_name(names: Sequence[str], values: Sequence[int]) -> dict[str, int]:
    return {name: int(value) for name, value in zip(names, values, strict=True) if value}
