"""Instant-runoff voting (single seat), with the Burlington 2009 rules as options.

* Each ballot counts, at full weight, for its highest-ranked continuing candidate. Skipped
  (blank) ranks are simply passed over.
* A candidate with more than half of the continuing (non-exhausted) votes wins. With one
  candidate left, that candidate wins.
* Otherwise the candidate with fewest votes is eliminated (ties: fewest at the most recent
  earlier round where they differed, then lot) and their ballots move on. With
  `batch_elimination=True` (Burlington), the largest set of lowest candidates whose combined
  votes are below the next candidate's votes is eliminated together, when there is one.
* A ballot with no further continuing choice is exhausted. A rank with two or more continuing
  candidates (an overvote) exhausts the ballot for good (see `_papers`).
"""

from __future__ import annotations

import numpy as np

from rankfile.tally.errors import TallyInputError
from rankfile.tally.methods._common import (
    by_name,
    lot_seed_rule,
    nonzero_by_name,
    tie_breaker,
)
from rankfile.tally.methods._papers import Papers
from rankfile.tally.numeric import format_units
from rankfile.tally.profile import Profile
from rankfile.tally.result import Decision, Result, Round


def irv(profile: Profile, *, batch_elimination: bool = False, seed: str | None = None) -> Result:
    if profile.n_rows == 0:
        raise TallyInputError("no ballots to count", source=profile.source)
    names = profile.candidates
    decimals = profile.weight_decimals
    hopeful = np.zeros(profile.n_candidates, dtype=bool)
    hopeful[profile.eligible] = True
    papers = Papers(profile, hopeful)
    tallies = papers.tallies(None)
    total = profile.total_units
    exhausted = total - sum(tallies)
    ties = tie_breaker(profile, seed)
    history: list[list[int]] = []
    rounds: list[Round] = []

    def record(action: str, transfers: dict[str, int], exhausted_now: int) -> Round:
        if sum(tallies) + exhausted != total:
            raise AssertionError("IRV vote total drifted")  # pragma: no cover
        history.append(list(tallies))
        continuing = sum(tallies[c] for c in range(len(names)) if hopeful[c])
        entry = Round(
            number=len(rounds) + 1,
            action=action,
            totals=by_name(names, tallies),
            transfers=transfers,
            exhausted=exhausted,
            exhausted_in_round=exhausted_now,
            extra={"continuing": format_units(continuing, decimals)},
        )
        rounds.append(entry)
        return entry

    record("first preferences", {}, exhausted)
    winner: int | None = None
    while winner is None:
        current = [c for c in range(len(names)) if hopeful[c]]
        continuing = sum(tallies[c] for c in current)
        leader = max(current, key=lambda c: (tallies[c], -c))
        if 2 * tallies[leader] > continuing or len(current) == 1:
            winner = leader
            votes, of = format_units(tallies[leader], decimals), format_units(continuing, decimals)
            share = f"{votes} of {of}"
            reason = (
                "last candidate standing"
                if len(current) == 1
                else (f"majority of continuing votes ({share})")
            )
            rounds[-1].elected.append(Decision(names[leader], reason))
            break
        after = len(rounds)
        batch = _batch(current, tallies) if batch_elimination else []
        if batch:
            losers = batch
            together = format_units(sum(tallies[c] for c in batch), decimals)
            next_votes = format_units(_next_after(current, tallies, batch), decimals)
            reason = (
                f"batch elimination after round {after}: together {together}, "
                f"fewer than the next candidate's {next_votes}"
            )
        else:
            lowest = min(tallies[c] for c in current)
            tied = [c for c in current if tallies[c] == lowest]
            losers = [
                ties.choose(
                    tied,
                    prefer="lowest",
                    history=history[:-1],
                    round_number=after + 1,
                    purpose="elimination",
                )
            ]
            reason = f"fewest votes ({format_units(lowest, decimals)}) after round {after}"
        amounts = {c: tallies[c] for c in losers}
        for c in losers:
            hopeful[c] = False
        rows = np.flatnonzero(np.isin(papers.cur, losers))
        papers.advance(rows, hopeful)
        gains = papers.tallies(None, rows)
        end, over = papers.exhausted_value(None, rows)
        for c, gain in enumerate(gains):
            tallies[c] += gain
        for c in losers:
            tallies[c] = 0
        exhausted += end + over
        transfers = nonzero_by_name(names, gains)
        for c in losers:
            transfers[names[c]] = -amounts[c]
        entry = record(
            "elimination of " + ", ".join(names[c] for c in losers), transfers, end + over
        )
        entry.subject = tuple(names[c] for c in losers)
        entry.excluded.extend(Decision(names[c], reason) for c in losers)
    return Result(
        method="irv",
        method_name="Instant-runoff voting" + (" (batch elimination)" if batch_elimination else ""),
        seats=1,
        winners=[names[winner]],
        rounds=rounds,
        candidates=list(names),
        decimals=decimals,
        total=total,
        quota=None,
        tie_breaks=ties.events,
        lot_seed=ties.seed_used,
        rules={
            "majority": "more than half of the continuing (non-exhausted) votes",
            "elimination": "batch (Burlington)" if batch_elimination else "one at a time",
            "overvote": "a rank with two or more continuing candidates exhausts the ballot",
            "skipped_ranks": "skipped",
            "tie_break": lot_seed_rule(seed),
        },
    )


def _batch(current: list[int], tallies: list[int]) -> list[int]:
    """Largest set of 2+ lowest candidates whose sum is below the next one's votes (or [])."""
    ordered = sorted(current, key=lambda c: tallies[c])
    best = 0
    running = 0
    for k in range(1, len(ordered)):
        running += tallies[ordered[k - 1]]
        if running < tallies[ordered[k]]:
            best = k
    return ordered[:best] if best >= 2 else []


def _next_after(current: list[int], tallies: list[int], batch: list[int]) -> int:
    return min(tallies[c] for c in current if c not in batch)
