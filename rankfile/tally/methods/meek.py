"""Meek STV, following the Proportional Representation Foundation's Reference Meek Rule
(Hill-Wichmann-Woodall Algorithm 123 with fixed-point arithmetic, as in the NZ rules).

Precision: fixed point with 9 decimal places, in integers. Keep factors and the unspent part of
each ballot are integers of 1e-9; candidate votes are integers of 1e-(9+d) where d is the number
of weight decimals (so a weighted ballot's contribution is exact). Omega is 0.000001.

* Each ballot starts with weight 1 and walks down its ranking; each candidate keeps
  weight x keep factor (rounded *up* to 9 decimals) and passes the rest on. Hopeful candidates
  have keep factor 1, excluded 0, elected between.
* Quota = total of candidates' votes / (seats + 1), truncated to 9 decimals, plus 0.000000001.
  What ballots could not give to anyone is non-transferable (reported as exhausted).
* Hopeful candidates with votes >= quota are elected (several: in order of votes), and the
  count restarts its iteration. Otherwise, while the total surplus of elected candidates is
  at least omega and still falling, each elected candidate's keep factor becomes
  keep x quota (rounded up) / votes (rounded up).
* When the surplus is below omega (or stops falling), the hopeful candidate with fewest votes
  is defeated and gets keep factor 0. Ties are broken by the election's tie rule (by default
  earlier rounds, then lot). `meek` calls candidates tied when their votes are equal;
  `meek-prf` (`meek_prf`) follows the Reference Rule's B.3 to the letter: every hopeful whose
  votes are within the total surplus of the lowest is tied with it, and procedure T (the tie
  rule; `--ties order` with the order the election fixed in advance is the Reference Rule's
  predetermined order) picks whom to defeat among them.
* When the elected plus hopeful candidates are no more than the seats, the hopefuls are elected.
* Equal ranks: a rank with two or more candidates still standing (elected or hopeful) stops the
  ballot there; its remaining weight becomes non-transferable. Meek recomputes every ballot from
  the top on each iteration, so this is re-evaluated as candidates are defeated.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from rankfile.tally.methods._common import TieRule, by_name, seats_to_fill, tie_breaker
from rankfile.tally.numeric import exact_group_sums, format_units
from rankfile.tally.profile import Profile
from rankfile.tally.result import Decision, Result, Round

SCALE = 10**9
DECIMALS = 9
_STOP = -1


class _MeekCount:
    def __init__(
        self, profile: Profile, seats: int, tie_rule: TieRule, *, reference: bool = False
    ) -> None:
        self.profile = profile
        self.names = profile.candidates
        self.n = profile.n_candidates
        self.seats = seats
        self.tie_rule = tie_rule
        self.reference = reference
        self.unit = 10**profile.weight_decimals  # vote units per 1e-9 of a vote
        self.decimals = DECIMALS + profile.weight_decimals
        self.total = profile.total_units * SCALE
        self.omega = 10**3 * self.unit
        self.keep = [0] * self.n
        self.hopeful = set(profile.eligible)
        for c in self.hopeful:
            self.keep[c] = SCALE
        self.elected: list[int] = []
        self.excluded: set[int] = set(range(self.n)) - self.hopeful
        self.rounds: list[Round] = []
        self.history: list[list[int]] = []
        self.ties = tie_breaker(profile, tie_rule)

    def run(self) -> Result:
        votes: list[int] = [0] * self.n
        quota = 0
        while len(self.elected) < self.seats and (
            len(self.elected) + len(self.hopeful) > self.seats
        ):
            effective = self._effective_slots()
            previous_surplus: int | None = None
            iterations = 0
            while True:
                iterations += 1
                votes, quota = self._distribute(effective)
                reached = [c for c in sorted(self.hopeful) if votes[c] >= quota]
                if reached:
                    self._elect(reached, votes, quota, iterations)
                    break
                surplus = max(0, sum(votes[c] - quota for c in self.elected))
                if surplus < self.omega or (
                    previous_surplus is not None and surplus >= previous_surplus
                ):
                    self._defeat(votes, quota, iterations, surplus)
                    break
                previous_surplus = surplus
                self._update_keep(votes, quota)
        if len(self.elected) < self.seats and self.hopeful:
            if not self.rounds:
                votes, quota = self._distribute(self._effective_slots())
                self._record("count", votes, quota, 1)
            order = self.ties.order(
                sorted(self.hopeful),
                votes,
                history=self.history[:-1],
                round_number=len(self.rounds),
                purpose="order of election",
            )
            for c in order:
                self.hopeful.discard(c)
                self.elected.append(c)
                self.rounds[-1].elected.append(
                    Decision(self.names[c], "remaining candidates fill the remaining seats")
                )
        return self._result(quota)

    # ------------------------------------------------------------------ steps

    def _effective_slots(self) -> npt.NDArray[np.int32]:
        """Slots with equal-ranked groups resolved for the current set of excluded candidates:
        index n (a dummy with keep 0) when all members are out, the member when one is left,
        STOP when two or more still stand."""
        slots = self.profile.slots
        effective = slots.copy()
        effective[slots == -1] = _STOP
        grouped = slots <= -2
        if grouped.any():
            members = self.profile.group_members
            out = np.zeros(self.n + 1, dtype=bool)
            out[sorted(self.excluded)] = True
            standing = (members >= 0) & ~out[np.where(members >= 0, members, self.n)]
            counts = standing.sum(axis=1)
            single = members[np.arange(len(members)), np.argmax(standing, axis=1)]
            table = np.where(counts == 0, self.n, np.where(counts == 1, single, _STOP))
            effective[grouped] = table[-2 - slots[grouped]]
        return effective

    def _distribute(self, effective: npt.NDArray[np.int32]) -> tuple[list[int], int]:
        keep = np.array([*self.keep, 0], dtype=np.int64)
        weights = self.profile.weights
        remaining = np.full(self.profile.n_rows, SCALE, dtype=np.int64)
        votes = [0] * (self.n + 1)
        active = np.arange(self.profile.n_rows)
        for col in range(effective.shape[1]):
            if not active.size:
                break
            slot = effective[active, col]
            going = slot >= 0
            active, slot = active[going], slot[going]
            credit = (remaining[active] * keep[slot] + (SCALE - 1)) // SCALE
            for c, amount in enumerate(exact_group_sums(slot, weights[active], credit, self.n + 1)):
                votes[c] += amount
            remaining[active] -= credit
            active = active[remaining[active] > 0]
        counted = votes[: self.n]
        per_seat = sum(counted) // (self.seats + 1)
        quota = (per_seat // self.unit) * self.unit + self.unit
        return counted, quota

    def _update_keep(self, votes: list[int], quota: int) -> None:
        for c in self.elected:
            product = -(-self.keep[c] * quota // (SCALE * self.unit))  # keep x quota, up
            self.keep[c] = -(-product * SCALE * self.unit // votes[c])  # / votes, up

    def _elect(self, reached: list[int], votes: list[int], quota: int, iterations: int) -> None:
        record = self._record("election", votes, quota, iterations)
        order = self.ties.order(
            reached,
            votes,
            history=self.history[:-1],
            round_number=record.number,
            purpose="order of election",
        )
        for c in order[: self.seats - len(self.elected)]:
            self.hopeful.discard(c)
            self.elected.append(c)
            record.elected.append(
                Decision(
                    self.names[c], f"reached the quota ({format_units(votes[c], self.decimals)})"
                )
            )
        record.subject = tuple(d.candidate for d in record.elected)

    def _defeat(self, votes: list[int], quota: int, iterations: int, surplus: int) -> None:
        record = self._record("defeat", votes, quota, iterations)
        record.extra["surplus"] = format_units(surplus, self.decimals)
        lowest = min(votes[c] for c in self.hopeful)
        # Reference Rule B.3: within the total surplus of the lowest counts as tied with it
        # (the surplus not yet passed on could still reorder them).
        reach = lowest + surplus if self.reference else lowest
        tied = [c for c in sorted(self.hopeful) if votes[c] <= reach]
        loser = self.ties.choose(
            tied,
            prefer="lowest",
            history=self.history[:-1],
            round_number=record.number,
            purpose="defeat",
        )
        self.hopeful.discard(loser)
        self.excluded.add(loser)
        self.keep[loser] = 0
        record.subject = (self.names[loser],)
        record.excluded.append(
            Decision(self.names[loser], self._defeat_reason(votes[loser], lowest, surplus))
        )

    def _defeat_reason(self, loser_votes: int, lowest: int, surplus: int) -> str:
        if loser_votes == lowest:
            return f"fewest votes ({format_units(lowest, self.decimals)})"
        return (
            f"{format_units(loser_votes, self.decimals)} votes, within the surplus "
            f"({format_units(surplus, self.decimals)}) of the fewest"
        )

    def _record(self, action: str, votes: list[int], quota: int, iterations: int) -> Round:
        self.history.append(list(votes))
        record = Round(
            number=len(self.rounds) + 1,
            action=action,
            totals=by_name(self.names, votes),
            exhausted=self.total - sum(votes),
            quota=quota,
            extra={
                "iterations": iterations,
                "keep_factors": {
                    self.names[c]: format_units(k, DECIMALS) for c, k in enumerate(self.keep)
                },
            },
        )
        self.rounds.append(record)
        return record

    def _result(self, quota: int) -> Result:
        method = "meek-prf" if self.reference else "meek"
        name = "PRF Reference Meek Rule" if self.reference else "Meek STV (9 decimals)"
        return Result(
            method=method,
            method_name=name,
            seats=self.seats,
            winners=[self.names[c] for c in self.elected],
            rounds=self.rounds,
            candidates=list(self.names),
            decimals=self.decimals,
            total=self.total,
            quota=quota,
            tie_breaks=self.ties.events,
            lot_seed=self.ties.seed_used,
            rules={
                "arithmetic": "fixed point, 9 decimals; votes rounded up, quota truncated",
                "quota": "votes / (seats + 1), truncated to 9 decimals, + 0.000000001",
                "omega": "0.000001",
                "defeat_tie": (
                    "hopefuls within the total surplus of the lowest"
                    if self.reference
                    else "equal votes"
                ),
                **self.tie_rule.record(),
            },
        )


def meek_stv(
    profile: Profile,
    seats: int | None = None,
    *,
    seed: str | None = None,
    ties: str | None = None,
    tie_order: Sequence[str] | None = None,
) -> Result:
    rule = TieRule.of(ties, tie_order, seed)
    return _MeekCount(profile, seats_to_fill(profile, seats), rule).run()


def meek_prf(
    profile: Profile,
    seats: int | None = None,
    *,
    seed: str | None = None,
    ties: str | None = None,
    tie_order: Sequence[str] | None = None,
) -> Result:
    """The PRF Reference Meek Rule: `meek_stv` with its B.3 definition of a tie."""
    rule = TieRule.of(ties, tie_order, seed)
    return _MeekCount(profile, seats_to_fill(profile, seats), rule, reference=True).run()
