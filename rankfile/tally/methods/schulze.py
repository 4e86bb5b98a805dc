"""The Schulze method (beatpath), with winning votes, and Debian's majority requirement.

* d[A][B] is the total weight of ballots ranking A strictly above B. A candidate not marked on
  a ballot counts as ranked below every marked candidate (unmarked candidates are tied with
  each other); equal ranks give neither a vote.
* A link A->B exists when d[A][B] > d[B][A]. Its strength is (d[A][B], then fewer opposing
  votes d[B][A]): Schulze's own definition of winning votes, also Debian's. Path strength is
  the strength of the weakest link; A beats B when the strongest path A->B is stronger than
  B->A.
* Winners are the candidates nobody beats. With several seats (or a tie), the Schulze order is
  built by repeatedly taking the unbeaten candidates of those left; ties by lot.
* `default_option` (Debian constitution A.6): every other option whose d[A][D] is not above
  `majority_ratio` x d[D][A] is dropped before the count. Quorum is not applied (it needs the
  number of eligible voters, which ballots do not carry).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from rankfile.tally.errors import TallyInputError
from rankfile.tally.methods._common import TieRule, resolve_seats, tie_breaker
from rankfile.tally.numeric import format_units
from rankfile.tally.profile import Profile
from rankfile.tally.result import Decision, Result, Round
from rankfile.tally.ties import TieBreaker

_FLOAT_EXACT_LIMIT = 2**53


def pairwise_matrix(profile: Profile) -> list[list[int]]:
    """d[a][b] in weight units (exact)."""
    positions = profile.rank_positions()
    n = profile.n_candidates
    weights = profile.weights
    exact_in_float = profile.total_units < _FLOAT_EXACT_LIMIT
    matrix: list[list[int]] = []
    for a in range(n):
        above = positions[:, a : a + 1] < positions
        if exact_in_float:
            row = weights.astype(np.float64) @ above.astype(np.float64)
            matrix.append([int(x) for x in row])
        else:
            matrix.append([sum(int(w) for w in weights[above[:, b]].tolist()) for b in range(n)])
    return matrix


def schulze(
    profile: Profile,
    seats: int | None = None,
    *,
    default_option: str | None = None,
    majority_ratio: Fraction = Fraction(1),
    seed: str | None = None,
    ties: str | None = None,
    tie_order: Sequence[str] | None = None,
) -> Result:
    chosen = resolve_seats(profile, seats)
    names = profile.candidates
    d = pairwise_matrix(profile)
    options = list(profile.eligible)
    dropped: list[int] = []
    rules: dict[str, object] = {
        "pairwise": "ranked above; unmarked candidates rank below all marked ones",
        "strength": "winning votes, then fewer opposing votes",
    }
    if default_option is not None:
        dropped = _below_majority(profile, d, options, default_option, majority_ratio)
        options = [a for a in options if a not in dropped]
        rules["majority_requirement"] = (
            f"options must beat {default_option!r} by more than {majority_ratio}:1"
        )
    paths = strongest_paths(d, options)
    tie_rule = TieRule.of(ties, tie_order, seed)
    rules.update(tie_rule.record())
    breaker = tie_breaker(profile, tie_rule)
    order = _schulze_order(paths, options, chosen, breaker)
    record = _pairwise_round(profile, d, paths, options, order, dropped, default_option)
    return Result(
        method="schulze",
        method_name="Schulze (winning votes)",
        seats=chosen,
        winners=[names[a] for a in order],
        rounds=[record],
        candidates=list(names),
        decimals=profile.weight_decimals,
        total=profile.total_units,
        tie_breaks=breaker.events,
        lot_seed=breaker.seed_used,
        rules=rules,
        extra={"dropped": [names[a] for a in dropped]},
    )


def _below_majority(
    profile: Profile,
    d: list[list[int]],
    options: list[int],
    default_option: str,
    majority_ratio: Fraction,
) -> list[int]:
    """The options that do not beat the default option by the required majority (Debian A.6)."""
    if default_option not in profile.candidates:
        raise TallyInputError(
            f"default option {default_option!r} is not a candidate", source=profile.source
        )
    default = profile.candidates.index(default_option)
    return [
        a
        for a in options
        if a != default
        and not (
            d[a][default] * majority_ratio.denominator > majority_ratio.numerator * d[default][a]
        )
    ]


def _schulze_order(
    paths: dict[int, dict[int, Strength]], options: list[int], seats: int, ties: TieBreaker
) -> list[int]:
    """The first `seats` of the Schulze order: the unbeaten of those left, again and again."""
    order: list[int] = []
    remaining = list(options)
    while remaining and len(order) < seats:
        unbeaten = [
            a for a in remaining if all(paths[a][b] >= paths[b][a] for b in remaining if b != a)
        ]
        pick = (
            ties.choose(
                unbeaten, prefer="highest", history=[], round_number=1, purpose="Schulze winner"
            )
            if len(unbeaten) > 1
            else unbeaten[0]
        )
        order.append(pick)
        remaining.remove(pick)
    return order


def _pairwise_round(
    profile: Profile,
    d: list[list[int]],
    paths: dict[int, dict[int, Strength]],
    options: list[int],
    order: list[int],
    dropped: list[int],
    default_option: str | None,
) -> Round:
    names = profile.candidates
    decimals = profile.weight_decimals
    return Round(
        number=1,
        action="pairwise count",
        totals={},
        elected=[
            Decision(names[a], f"place {i + 1} in the Schulze order") for i, a in enumerate(order)
        ],
        excluded=[
            Decision(names[a], f"does not beat {default_option} by the required majority")
            for a in dropped
        ],
        extra={
            "pairwise": {
                names[a]: {
                    names[b]: format_units(d[a][b], decimals) for b in range(len(names)) if b != a
                }
                for a in range(len(names))
            },
            "strongest_paths": {
                names[a]: {
                    names[b]: format_units(paths[a][b][0], decimals) for b in options if b != a
                }
                for a in options
            },
        },
    )


Strength = tuple[int, int]
_NO_LINK: Strength = (0, 0)


def strongest_paths(d: list[list[int]], options: list[int]) -> dict[int, dict[int, Strength]]:
    """Widest paths (Floyd-Warshall). A strength is (winning votes, -opposing votes)."""
    paths: dict[int, dict[int, Strength]] = {a: {} for a in options}
    for a in options:
        for b in options:
            if a != b:
                paths[a][b] = (d[a][b], -d[b][a]) if d[a][b] > d[b][a] else _NO_LINK
    for k in options:
        for a in options:
            if a == k:
                continue
            via = paths[a][k]
            if via == _NO_LINK:
                continue
            for b in options:
                if b in (a, k):
                    continue
                candidate = min(via, paths[k][b])
                if candidate > paths[a][b]:
                    paths[a][b] = candidate
    return paths
