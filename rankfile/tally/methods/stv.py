"""Scottish STV: the Weighted Inclusive Gregory Method of the Scottish Local Government
Elections Order 2007 (SSI 2007/42, schedule 1, rules 45-52), in exact integer arithmetic.

Every paper carries a value in units of 0.00001 (a fresh paper is 100000). With weighted
ballots a row's votes are weight x value, so tallies are integers of 10**-(5+d) units where d is
the number of weight decimals; nothing is ever rounded except where the rules say so.

* Quota = floor(valid votes / (seats + 1)) + 1, in whole votes.
* A candidate whose votes reach the quota (>=) is elected at that count; several at one count
  are elected in order of votes (ties: earlier counts, then lot).
* Surpluses are transferred one per count, largest first (ties: the candidate with more votes
  at the most recent earlier count where they differed, then lot). ALL the candidate's papers
  move; each paper's new value is floor(value x surplus / total) to 5 decimals (rule 48(3)).
  Papers with no further continuing preference are non-transferable ("exhausted", at their new
  value); what the truncation drops is reported as "lost to truncation". The elected
  candidate is left with exactly the quota.
* With no surplus to transfer, the candidate with fewest votes is excluded (ties: by the
  election's tie rule, by default fewest at the most recent earlier count where they
  differed, then lot) and all their papers move at their
  current value in one count.
* When the continuing candidates are no more than the seats left, they are all elected (rule
  52) and counting stops. There is no "last vacancy" shortcut: the final exclusion is counted,
  as on the official sheets.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rankfile.tally.methods._common import (
    TieRule,
    by_name,
    nonzero_by_name,
    seats_to_fill,
    tie_breaker,
)
from rankfile.tally.methods._papers import Papers
from rankfile.tally.numeric import format_units
from rankfile.tally.profile import Profile
from rankfile.tally.result import Decision, Result, Round

VALUE_DECIMALS = 5
FRESH_PAPER = 10**VALUE_DECIMALS


class _ScottishCount:
    def __init__(self, profile: Profile, seats: int, tie_rule: TieRule) -> None:
        self.profile = profile
        self.names = profile.candidates
        self.seats = seats
        self.decimals = VALUE_DECIMALS + profile.weight_decimals
        per_vote = 10**self.decimals
        self.total = profile.total_units * FRESH_PAPER
        self.quota = (self.total // (per_vote * (seats + 1)) + 1) * per_vote
        self.hopeful = np.zeros(profile.n_candidates, dtype=bool)
        self.hopeful[profile.eligible] = True
        self.values = np.full(profile.n_rows, FRESH_PAPER, dtype=np.int64)
        self.papers = Papers(profile, self.hopeful)
        self.tallies = self.papers.tallies(self.values)
        self.exhausted = self.total - sum(self.tallies)
        self.lost = 0
        self.elected: list[int] = []
        self.pending: list[int] = []
        self.history: list[list[int]] = []
        self.rounds: list[Round] = []
        self.tie_rule = tie_rule
        self.ties = tie_breaker(profile, tie_rule)

    # ------------------------------------------------------------------ the count

    def run(self) -> Result:
        first = self._record("first preferences", transfers={}, exhausted_now=self.exhausted)
        if self.exhausted:
            first.notes.append("ballots whose first rank is an overvote are exhausted")
        self._elect_reaching_quota()
        while len(self.elected) < self.seats:
            hopefuls = [c for c in range(len(self.names)) if self.hopeful[c]]
            if len(hopefuls) <= self.seats - len(self.elected):
                self._elect_remaining(hopefuls)
                break
            if self.pending:
                self._transfer_surplus(self._next_surplus())
            else:
                self._exclude(self._lowest(hopefuls))
            self._elect_reaching_quota()
        return self._result()

    def _next_surplus(self) -> int:
        largest = max(self.tallies[c] for c in self.pending)
        tied = [c for c in self.pending if self.tallies[c] == largest]
        return self.ties.choose(
            tied,
            prefer="highest",
            history=self.history[:-1],
            round_number=len(self.rounds) + 1,
            purpose="surplus order",
        )

    def _lowest(self, hopefuls: list[int]) -> int:
        lowest = min(self.tallies[c] for c in hopefuls)
        tied = [c for c in hopefuls if self.tallies[c] == lowest]
        return self.ties.choose(
            tied,
            prefer="lowest",
            history=self.history[:-1],
            round_number=len(self.rounds) + 1,
            purpose="exclusion",
        )

    def _transfer_surplus(self, candidate: int) -> None:
        self.pending.remove(candidate)
        rows = self.papers.rows_of(candidate)
        total = self.tallies[candidate]
        surplus = total - self.quota
        old_values, inverse = np.unique(self.values[rows], return_inverse=True)
        new_values = [(int(v) * surplus) // total for v in old_values.tolist()]
        self.values[rows] = np.array(new_values, dtype=np.int64)[inverse]
        self.papers.advance(rows, self.hopeful)
        gains = self.papers.tallies(self.values, rows)
        end, over = self.papers.exhausted_value(self.values, rows)
        lost_now = surplus - sum(gains) - end - over
        if lost_now < 0:
            raise AssertionError("surplus transfer created votes")  # pragma: no cover
        for c, gain in enumerate(gains):
            self.tallies[c] += gain
        self.tallies[candidate] = self.quota
        self.exhausted += end + over
        self.lost += lost_now
        transfers = nonzero_by_name(self.names, gains)
        transfers[self.names[candidate]] = -surplus
        value_text = ", ".join(
            f"{format_units(int(old), VALUE_DECIMALS)} -> {format_units(new, VALUE_DECIMALS)}"
            for old, new in zip(old_values.tolist(), new_values, strict=True)
        )
        self._record(
            f"surplus of {self.names[candidate]}",
            transfers=transfers,
            exhausted_now=end + over,
            lost_now=lost_now,
            subject=(candidate,),
            transfer_value=value_text,
        )

    def _exclude(self, candidate: int) -> None:
        after_count = len(self.rounds)
        amount = self.tallies[candidate]
        self.hopeful[candidate] = False
        rows = self.papers.rows_of(candidate)
        self.papers.advance(rows, self.hopeful)
        gains = self.papers.tallies(self.values, rows)
        end, over = self.papers.exhausted_value(self.values, rows)
        if sum(gains) + end + over != amount:
            raise AssertionError("exclusion did not conserve votes")  # pragma: no cover
        for c, gain in enumerate(gains):
            self.tallies[c] += gain
        self.tallies[candidate] = 0
        self.exhausted += end + over
        transfers = nonzero_by_name(self.names, gains)
        transfers[self.names[candidate]] = -amount
        record = self._record(
            f"exclusion of {self.names[candidate]}",
            transfers=transfers,
            exhausted_now=end + over,
            subject=(candidate,),
        )
        votes = format_units(amount, self.decimals)
        record.excluded.append(
            Decision(self.names[candidate], f"fewest votes ({votes}) after count {after_count}")
        )

    def _elect_reaching_quota(self) -> None:
        reached = [
            c for c in range(len(self.names)) if self.hopeful[c] and self.tallies[c] >= self.quota
        ]
        if not reached:
            return
        order = self.ties.order(
            reached,
            self.tallies,
            history=self.history[:-1],
            round_number=len(self.rounds),
            purpose="order of election",
        )
        for c in order:
            if len(self.elected) >= self.seats:
                break
            self.hopeful[c] = False
            self.elected.append(c)
            if self.tallies[c] > self.quota:
                self.pending.append(c)
            votes = format_units(self.tallies[c], self.decimals)
            self.rounds[-1].elected.append(Decision(self.names[c], f"reached the quota ({votes})"))

    def _elect_remaining(self, hopefuls: list[int]) -> None:
        order = self.ties.order(
            hopefuls,
            self.tallies,
            history=self.history[:-1],
            round_number=len(self.rounds),
            purpose="order of election",
        )
        for c in order:
            self.hopeful[c] = False
            self.elected.append(c)
            self.rounds[-1].elected.append(
                Decision(self.names[c], "continuing candidates fill the remaining seats")
            )

    def _record(
        self,
        action: str,
        *,
        transfers: dict[str, int],
        exhausted_now: int,
        lost_now: int = 0,
        subject: tuple[int, ...] = (),
        transfer_value: str | None = None,
    ) -> Round:
        conserved = sum(self.tallies) + self.exhausted + self.lost
        if conserved != self.total:
            raise AssertionError(
                f"vote total drifted: {conserved} != {self.total}"
            )  # pragma: no cover
        self.history.append(list(self.tallies))
        record = Round(
            number=len(self.rounds) + 1,
            action=action,
            totals=by_name(self.names, self.tallies),
            transfers=transfers,
            exhausted=self.exhausted,
            exhausted_in_round=exhausted_now,
            lost_to_truncation=self.lost,
            quota=self.quota,
            subject=tuple(self.names[c] for c in subject),
            transfer_value=transfer_value,
        )
        record.extra["lost_in_round"] = format_units(lost_now, self.decimals)
        self.rounds.append(record)
        return record

    def _result(self) -> Result:
        return Result(
            method="stv",
            method_name="Scottish STV (WIGM, SSI 2007/42)",
            seats=self.seats,
            winners=[self.names[c] for c in self.elected],
            rounds=self.rounds,
            candidates=list(self.names),
            decimals=self.decimals,
            total=self.total,
            quota=self.quota,
            tie_breaks=self.ties.events,
            lot_seed=self.ties.seed_used,
            rules={
                "quota": "floor(valid / (seats + 1)) + 1",
                "transfer_value": "floor(value * surplus / total) to 5 decimals, per paper",
                "surplus_papers": "all papers of the elected candidate (inclusive Gregory)",
                "overvote": "a rank with two or more continuing candidates exhausts the ballot",
                **self.tie_rule.record(),
            },
        )


def scottish_stv(
    profile: Profile,
    seats: int | None = None,
    *,
    seed: str | None = None,
    ties: str | None = None,
    tie_order: Sequence[str] | None = None,
) -> Result:
    """Count `profile` by Scottish STV for `seats` seats (default: the profile's, else 1)."""
    rule = TieRule.of(ties, tie_order, seed)
    return _ScottishCount(profile, seats_to_fill(profile, seats), rule).run()
