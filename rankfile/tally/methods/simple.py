"""Single-round methods: plurality, approval, and yes/no/abstain motions.

* Plurality counts each ballot's first rank. A first rank with two or more candidates is an
  overvote and counts for nobody (reported). With several seats, the `seats` candidates with
  most votes win (single non-transferable vote).
* Approval counts one vote (times the weight) for every candidate marked anywhere on the
  ballot; the `seats` candidates with most approvals win.
* Ties for the last winning place are broken by lot (see `ties`); winners are listed by
  votes, equal winners in candidate-list order.
* Yes/no/abstain: the motion passes with a simple majority when yes > half of (yes + no), with
  two-thirds when yes >= two-thirds of (yes + no). Abstentions do not count towards the
  denominator unless `abstentions_count=True`, in which case it is yes + no + abstain.
  No votes at all: the motion fails.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Literal

import numpy as np

from rankfile.tally.errors import TallyInputError
from rankfile.tally.methods._common import TieRule, by_name, resolve_seats, tie_breaker
from rankfile.tally.numeric import exact_group_sums, exact_total, format_units
from rankfile.tally.profile import Profile
from rankfile.tally.result import Decision, Result, Round

Majority = Literal["simple", "two-thirds"]
MAJORITIES: dict[str, Fraction] = {"simple": Fraction(1, 2), "two-thirds": Fraction(2, 3)}


def plurality(
    profile: Profile,
    seats: int | None = None,
    *,
    seed: str | None = None,
    ties: str | None = None,
    tie_order: Sequence[str] | None = None,
) -> Result:
    chosen = resolve_seats(profile, seats)
    first = profile.slots[:, 0] if profile.n_rows else np.zeros(0, dtype=np.int32)
    single = first >= 0
    votes = exact_group_sums(first[single], profile.weights[single], None, profile.n_candidates)
    overvotes = exact_total(profile.weights[~single])
    result = _ranked_by_votes(
        profile, "plurality", "Plurality", chosen, votes, TieRule.of(ties, tie_order, seed)
    )
    result.rounds[0].exhausted = overvotes
    result.rounds[0].exhausted_in_round = overvotes
    if overvotes:
        result.rounds[0].notes.append(
            f"{format_units(overvotes, profile.weight_decimals)} overvoted ballots count for nobody"
        )
    return result


def approval(
    profile: Profile,
    seats: int | None = None,
    *,
    seed: str | None = None,
    ties: str | None = None,
    tie_order: Sequence[str] | None = None,
) -> Result:
    chosen = resolve_seats(profile, seats)
    marked = np.zeros((profile.n_rows, profile.n_candidates), dtype=bool)
    for col in range(profile.slots.shape[1]):
        marked[profile.marks_at(col)] = True
    hit_rows, hit_candidates = np.nonzero(marked)
    votes = exact_group_sums(hit_candidates, profile.weights[hit_rows], None, profile.n_candidates)
    return _ranked_by_votes(
        profile, "approval", "Approval", chosen, votes, TieRule.of(ties, tie_order, seed)
    )


def yesno(
    profile: Profile,
    *,
    majority: Majority | str = "simple",
    abstentions_count: bool = False,
) -> Result:
    """Count a motion. The profile's candidates must be yes, no and (optionally) abstain."""
    lowered = _motion_options(profile, majority)
    first = profile.slots[:, 0] if profile.n_rows else np.zeros(0, dtype=np.int32)
    single = first >= 0
    votes = exact_group_sums(first[single], profile.weights[single], None, profile.n_candidates)
    count = {name: votes[i] for i, name in enumerate(lowered)}
    yes, no, abstain = count["yes"], count["no"], count.get("abstain", 0)
    base = yes + no + (abstain if abstentions_count else 0)
    passed = _motion_passed(yes=yes, base=base, majority=majority)
    decimals = profile.weight_decimals
    outcome = "yes" if passed else "no"
    winner = profile.candidates[lowered.index(outcome)]
    needed = "more than half" if majority == "simple" else "at least two-thirds"
    denominator = "yes + no + abstain" if abstentions_count else "yes + no"
    record = Round(
        number=1,
        action="count",
        totals=by_name(profile.candidates, votes),
        exhausted=exact_total(profile.weights[~single]),
        elected=[
            Decision(
                winner,
                f"{'passed' if passed else 'not passed'}: yes "
                f"{format_units(yes, decimals)} of {format_units(base, decimals)} "
                f"({denominator}); needs {needed}",
            )
        ],
    )
    return Result(
        method="yesno",
        method_name=f"Yes/no ({majority} majority)",
        seats=1,
        winners=[winner],
        rounds=[record],
        candidates=list(profile.candidates),
        decimals=decimals,
        total=profile.total_units,
        rules={
            "majority": majority,
            "abstentions_count": abstentions_count,
            "required": f"yes {needed} of {denominator}",
        },
        extra={"passed": passed},
    )


def _motion_options(profile: Profile, majority: str) -> list[str]:
    """The motion's option names, lowered, once they and the majority are known ones."""
    lowered = [name.lower() for name in profile.candidates]
    if "yes" not in lowered or "no" not in lowered or not set(lowered) <= {"yes", "no", "abstain"}:
        raise TallyInputError(
            "a yes/no count needs options named yes, no and abstain", source=profile.source
        )
    if majority not in MAJORITIES:
        raise TallyInputError(
            f"unknown majority {majority!r} (simple or two-thirds)", source=profile.source
        )
    return lowered


def _motion_passed(*, yes: int, base: int, majority: str) -> bool:
    """More than half for a simple majority; two-thirds or more for two-thirds."""
    share = MAJORITIES[majority]
    if majority == "simple":
        return base > 0 and yes * share.denominator > base * share.numerator
    return base > 0 and yes * share.denominator >= base * share.numerator


def _ranked_by_votes(
    profile: Profile,
    method: str,
    method_name: str,
    seats: int,
    votes: list[int],
    tie_rule: TieRule,
) -> Result:
    ties = tie_breaker(profile, tie_rule)
    remaining = list(profile.eligible)
    winners: list[int] = []
    while remaining and len(winners) < seats:
        top = max(votes[c] for c in remaining)
        tied = [c for c in remaining if votes[c] == top]
        if len(tied) > seats - len(winners):
            tied = [
                ties.choose(
                    tied, prefer="highest", history=[], round_number=1, purpose="last winning place"
                )
            ]
        winners.extend(tied)
        remaining = [c for c in remaining if c not in tied]
    decimals = profile.weight_decimals
    record = Round(
        number=1,
        action="count",
        totals=by_name(profile.candidates, votes),
        elected=[
            Decision(
                profile.candidates[c],
                f"place {i + 1} with {format_units(votes[c], decimals)} votes",
            )
            for i, c in enumerate(winners)
        ],
    )
    return Result(
        method=method,
        method_name=method_name,
        seats=seats,
        winners=[profile.candidates[c] for c in winners],
        rounds=[record],
        candidates=list(profile.candidates),
        decimals=decimals,
        total=profile.total_units,
        tie_breaks=ties.events,
        lot_seed=ties.seed_used,
        rules={"winners": f"the {seats} with most votes", **tie_rule.record()},
    )
