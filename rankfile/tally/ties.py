"""Deterministic tie-breaking, shared by every method.

Rule, in order:

1. **Earlier counts** (where the method has rounds): look at the most recent earlier round at
   which the tied candidates did not all have equal votes; keep only those with the fewest
   votes there (when choosing whom to exclude) or the most (when choosing whose surplus goes
   first or who is elected first). If several remain, keep looking further back among them.
   This is the Scottish rule 49/50 reading used by OpenSTV and eSTV.
2. **Lot**: the remaining candidates are put in candidate-list order and draw number k
   (k = 1, 2, ... within one count) picks index
   `int(sha256(f"{seed}:{k}").hexdigest(), 16) % len(remaining)`.
   Anyone can redo the draw by hand from the seed recorded in the result. The default seed is
   `Profile.digest()` (a hash of candidates and ballots, so every recount of the same ballots
   draws the same lot and no operator can pick a seed after seeing the ballots); a seed can
   also be fixed in advance and passed in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Literal

from rankfile.tally.result import TieBreak

Prefer = Literal["lowest", "highest"]


class TieBreaker:
    def __init__(self, names: Sequence[str], seed: str | Callable[[], str] | None) -> None:
        self._names = list(names)
        self._seed_source = seed
        self._seed: str | None = seed if isinstance(seed, str) else None
        self._draws = 0
        self.events: list[TieBreak] = []

    @property
    def seed_used(self) -> str | None:
        """The seed, if any lot was drawn (else None: nothing depended on it)."""
        return self._seed if self._draws else None

    def _resolve_seed(self) -> str:
        if self._seed is None:
            source = self._seed_source
            self._seed = source() if callable(source) else "rankfile"
        return self._seed

    def lot(self, tied: Sequence[int]) -> tuple[int, str]:
        ordered = sorted(tied)
        seed = self._resolve_seed()
        self._draws += 1
        digest = hashlib.sha256(f"{seed}:{self._draws}".encode()).hexdigest()
        index = int(digest, 16) % len(ordered)
        detail = f"draw {self._draws} with seed {seed}: index {index} of {len(ordered)}"
        return ordered[index], detail

    def choose(
        self,
        tied: Sequence[int],
        *,
        prefer: Prefer,
        history: Sequence[Sequence[int]],
        round_number: int,
        purpose: str,
    ) -> int:
        """Pick one of `tied` by earlier counts (newest first), then by lot; record the event."""
        candidates = sorted(tied)
        if len(candidates) == 1:
            return candidates[0]
        remaining = list(candidates)
        for back in range(len(history) - 1, -1, -1):
            totals = history[back]
            values = [totals[c] for c in remaining]
            target = min(values) if prefer == "lowest" else max(values)
            narrowed = [c for c, v in zip(remaining, values, strict=True) if v == target]
            if len(narrowed) < len(remaining):
                remaining = narrowed
                if len(remaining) == 1:
                    self._record(
                        round_number,
                        purpose,
                        candidates,
                        "earlier count",
                        remaining[0],
                        f"{prefer} at count {back + 1} among the tied candidates",
                    )
                    return remaining[0]
        chosen, detail = self.lot(remaining)
        self._record(round_number, purpose, candidates, "lot", chosen, detail)
        return chosen

    def order(
        self,
        candidates: Sequence[int],
        totals: Sequence[int],
        *,
        history: Sequence[Sequence[int]],
        round_number: int,
        purpose: str,
    ) -> list[int]:
        """Candidates by current total, highest first; equal totals ordered by `choose`."""
        pending = sorted(candidates, key=lambda c: (-totals[c], c))
        result: list[int] = []
        while pending:
            top = totals[pending[0]]
            tied = [c for c in pending if totals[c] == top]
            pick = self.choose(
                tied, prefer="highest", history=history, round_number=round_number, purpose=purpose
            )
            result.append(pick)
            pending.remove(pick)
        return result

    def _record(
        self,
        round_number: int,
        purpose: str,
        tied: Sequence[int],
        rule: str,
        chosen: int,
        detail: str,
    ) -> None:
        self.events.append(
            TieBreak(
                round=round_number,
                purpose=purpose,
                tied=tuple(self._names[c] for c in tied),
                rule=rule,
                chosen=self._names[chosen],
                detail=detail,
            )
        )
