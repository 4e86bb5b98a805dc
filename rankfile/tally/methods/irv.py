"""Instant-runoff voting (single seat), with the Burlington 2009 rules as options.

* Each ballot counts, at full weight, for its highest-ranked continuing candidate. Skipped
  (blank) ranks are simply passed over.
* A candidate with more than half of the continuing (non-exhausted) votes wins. With one
  candidate left, that candidate wins.
* Otherwise the candidate with fewest votes is eliminated (ties: by the
  election's tie rule, by default fewest at the most recent earlier round where they
  differed, then lot) and their ballots move on. With
  `batch_elimination=True` (Burlington), the largest set of lowest candidates whose combined
  votes are below the next candidate's votes is eliminated together, when there is one.
* A ballot with no further continuing choice is exhausted. A rank with two or more continuing
  candidates (an overvote) exhausts the ballot for good (see `_papers`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rankfile.tally.methods._common import (
    TieRule,
    by_name,
    nonzero_by_name,
    require_ballots,
    tie_breaker,
)
from rankfile.tally.methods._papers import Papers
from rankfile.tally.numeric import format_units
from rankfile.tally.profile import Profile
from rankfile.tally.result import Decision, Result, Round


def irv(
    profile: Profile,
    *,
    batch_elimination: bool = False,
    seed: str | None = None,
    ties: str | None = None,
    tie_order: Sequence[str] | None = None,
) -> Result:
    require_ballots(profile)
    rule = TieRule.of(ties, tie_order, seed)
    return _InstantRunoff(profile, batch_elimination, rule).run()


class _InstantRunoff:
    def __init__(self, profile: Profile, batch_elimination: bool, tie_rule: TieRule) -> None:
        self.names = profile.candidates
        self.decimals = profile.weight_decimals
        self.batch_elimination = batch_elimination
        self.tie_rule = tie_rule
        self.hopeful = np.zeros(profile.n_candidates, dtype=bool)
        self.hopeful[profile.eligible] = True
        self.papers = Papers(profile, self.hopeful)
        self.tallies = self.papers.tallies(None)
        self.total = profile.total_units
        self.exhausted = self.total - sum(self.tallies)
        self.ties = tie_breaker(profile, tie_rule)
        self.history: list[list[int]] = []
        self.rounds: list[Round] = []

    # ------------------------------------------------------------------ the count

    def run(self) -> Result:
        self._record("first preferences", {}, self.exhausted)
        while True:
            current = [c for c in range(len(self.names)) if self.hopeful[c]]
            winner = self._winner(current)
            if winner is not None:
                return self._result(winner)
            self._eliminate(*self._losers(current))

    def _winner(self, current: list[int]) -> int | None:
        """The candidate with a majority of the continuing votes, or the last one standing
        (elected in the latest round), else None."""
        continuing = sum(self.tallies[c] for c in current)
        leader = max(current, key=lambda c: (self.tallies[c], -c))
        if not (2 * self.tallies[leader] > continuing or len(current) == 1):
            return None
        votes = format_units(self.tallies[leader], self.decimals)
        share = f"{votes} of {format_units(continuing, self.decimals)}"
        reason = (
            "last candidate standing"
            if len(current) == 1
            else (f"majority of continuing votes ({share})")
        )
        self.rounds[-1].elected.append(Decision(self.names[leader], reason))
        return leader

    def _losers(self, current: list[int]) -> tuple[list[int], str]:
        """Who is eliminated after the latest round, and why: a batch (Burlington) when there is
        one, else the candidate with fewest votes (ties: earlier rounds, then lot)."""
        after = len(self.rounds)
        batch = _batch(current, self.tallies) if self.batch_elimination else []
        if batch:
            together = format_units(sum(self.tallies[c] for c in batch), self.decimals)
            next_votes = format_units(_next_after(current, self.tallies, batch), self.decimals)
            return batch, (
                f"batch elimination after round {after}: together {together}, "
                f"fewer than the next candidate's {next_votes}"
            )
        lowest = min(self.tallies[c] for c in current)
        tied = [c for c in current if self.tallies[c] == lowest]
        loser = self.ties.choose(
            tied,
            prefer="lowest",
            history=self.history[:-1],
            round_number=after + 1,
            purpose="elimination",
        )
        return [loser], f"fewest votes ({format_units(lowest, self.decimals)}) after round {after}"

    def _eliminate(self, losers: list[int], reason: str) -> None:
        """One round: the losers' ballots move on to their next continuing choice."""
        names, tallies = self.names, self.tallies
        amounts = {c: tallies[c] for c in losers}
        for c in losers:
            self.hopeful[c] = False
        rows = np.flatnonzero(np.isin(self.papers.cur, losers))
        self.papers.advance(rows, self.hopeful)
        gains = self.papers.tallies(None, rows)
        end, over = self.papers.exhausted_value(None, rows)
        for c, gain in enumerate(gains):
            tallies[c] += gain
        for c in losers:
            tallies[c] = 0
        self.exhausted += end + over
        transfers = nonzero_by_name(names, gains)
        for c in losers:
            transfers[names[c]] = -amounts[c]
        entry = self._record(
            "elimination of " + ", ".join(names[c] for c in losers), transfers, end + over
        )
        entry.subject = tuple(names[c] for c in losers)
        entry.excluded.extend(Decision(names[c], reason) for c in losers)

    def _record(self, action: str, transfers: dict[str, int], exhausted_now: int) -> Round:
        if sum(self.tallies) + self.exhausted != self.total:
            raise AssertionError("IRV vote total drifted")  # pragma: no cover
        self.history.append(list(self.tallies))
        continuing = sum(self.tallies[c] for c in range(len(self.names)) if self.hopeful[c])
        entry = Round(
            number=len(self.rounds) + 1,
            action=action,
            totals=by_name(self.names, self.tallies),
            transfers=transfers,
            exhausted=self.exhausted,
            exhausted_in_round=exhausted_now,
            extra={"continuing": format_units(continuing, self.decimals)},
        )
        self.rounds.append(entry)
        return entry

    def _result(self, winner: int) -> Result:
        batch_elimination = self.batch_elimination
        suffix = " (batch elimination)" if batch_elimination else ""
        return Result(
            method="irv",
            method_name="Instant-runoff voting" + suffix,
            seats=1,
            winners=[self.names[winner]],
            rounds=self.rounds,
            candidates=list(self.names),
            decimals=self.decimals,
            total=self.total,
            quota=None,
            tie_breaks=self.ties.events,
            lot_seed=self.ties.seed_used,
            rules={
                "majority": "more than half of the continuing (non-exhausted) votes",
                "elimination": "batch (Burlington)" if batch_elimination else "one at a time",
                "overvote": "a rank with two or more continuing candidates exhausts the ballot",
                "skipped_ranks": "skipped",
                **self.tie_rule.record(),
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
