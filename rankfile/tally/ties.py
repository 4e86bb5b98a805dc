"""Tie-breaking as a rule the election chooses, shared by every method.

Three rules (`TIE_RULES`), named by `--ties` and by a poll's bylaw:

* **lookback** (the default): earlier counts, then lot.
  1. *Earlier counts* (where the method has rounds): look at the most recent earlier round at
     which the tied candidates did not all have equal votes; keep only those with the fewest
     votes there (when choosing whom to exclude) or the most (when choosing whose surplus goes
     first or who is elected first). If several remain, keep looking further back among them.
     This is the Scottish rule 49/50 reading used by OpenSTV and eSTV.
  2. *Lot*, as below, among those still tied.
* **order**: straight to a predetermined order of candidates, no look-back. A candidate listed
  earlier ranks higher: it is elected first (or has its surplus transferred first) in an
  election tie and is excluded last in an exclusion tie. The order is the `tie_order` given
  (a `--tie-order` file), else the order of candidates in the ballot file.
* **lot**: the seeded lot only.

The lot: the remaining candidates are put in candidate-list order and draw number k
(k = 1, 2, ... within one count) picks index
`int(sha256(f"{seed}:{k}").hexdigest(), 16) % len(remaining)`.
Anyone can redo the draw by hand from the seed recorded in the result. The default seed is
`Profile.digest()` (a hash of candidates and ballots, so every recount of the same ballots
draws the same lot and no operator can pick a seed after seeing the ballots); a seed can
also be fixed in advance and passed in.

Every tie broken is recorded as a `TieBreak` whose `rule` says what decided it: "earlier count",
"order" or "lot".
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from rankfile.tally.errors import TallyInputError
from rankfile.tally.result import TieBreak

Prefer = Literal["lowest", "highest"]

TIE_RULES = ("lookback", "order", "lot")
DEFAULT_TIE_RULE = "lookback"


def read_tie_order(path: str | Path) -> list[str]:
    """A `--tie-order` file: one candidate name per line, highest first; blank lines skipped."""
    source = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise TallyInputError(f"cannot read the tie order: {exc.strerror}", source=source) from exc
    except UnicodeDecodeError as exc:
        raise TallyInputError("the tie order is not UTF-8 text", source=source) from exc
    names: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        name = line.strip()
        if not name:
            continue
        if name in names:
            raise TallyInputError(f"{name!r} is listed twice", source=source, line=number)
        names.append(name)
    if not names:
        raise TallyInputError("the tie order lists no candidate", source=source)
    return names


def tie_order_ranks(
    candidates: Sequence[str], eligible: Sequence[int], order: Sequence[str] | None
) -> list[int]:
    """Each candidate's place in the tie order (0 = highest); without `order`, the file's order.

    Every eligible candidate must be listed (a tie between unlisted candidates would have no
    answer); withdrawn candidates may be left out. A name that is not a candidate is an error."""
    if order is None:
        return list(range(len(candidates)))
    known = {name: index for index, name in enumerate(candidates)}
    unknown = [name for name in order if name not in known]
    if unknown:
        raise TallyInputError(f"the tie order names unknown candidates: {', '.join(unknown)}")
    missing = [candidates[c] for c in eligible if candidates[c] not in order]
    if missing:
        raise TallyInputError(f"the tie order leaves out: {', '.join(missing)}")
    ranks = [len(candidates)] * len(candidates)
    for place, name in enumerate(order):
        ranks[known[name]] = place
    return ranks


def tie_rule_text(rule: str, seed: str | None, order: Sequence[str] | None) -> str:
    """The rule in force, in words, for `Result.rules["tie_break"]`."""
    lot = (
        "lot seeded with the SHA-256 digest of the ballots"
        if seed is None
        else f"lot seeded with {seed!r}"
    )
    if rule == "order":
        source = "the given tie order" if order is not None else "the ballot file's candidate order"
        return f"predetermined order ({source}): listed earlier is elected first, excluded last"
    if rule == "lot":
        return lot
    return f"earlier counts, then {lot}"


class TieBreaker:
    def __init__(
        self,
        names: Sequence[str],
        seed: str | Callable[[], str] | None,
        *,
        rule: str = DEFAULT_TIE_RULE,
        ranks: Sequence[int] | None = None,
    ) -> None:
        if rule not in TIE_RULES:
            raise TallyInputError(
                f"unknown tie rule {rule!r}; choose one of {', '.join(TIE_RULES)}"
            )
        self._names = list(names)
        self._seed_source = seed
        self._seed: str | None = seed if isinstance(seed, str) else None
        self._draws = 0
        self.rule = rule
        self._ranks = list(ranks) if ranks is not None else list(range(len(self._names)))
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
        """Pick one of `tied` by the rule in force; record the event (when there was a tie)."""
        candidates = sorted(tied)
        if len(candidates) == 1:
            return candidates[0]
        if self.rule == "order":
            chosen = self._by_order(candidates, prefer)
            place = self._ranks[chosen] + 1
            detail = f"{prefer} in the tie order (place {place})"
            self._record(round_number, purpose, candidates, "order", chosen, detail)
            return chosen
        remaining = candidates
        if self.rule == "lookback":
            remaining, back = _look_back(candidates, prefer, history)
            if len(remaining) == 1:
                detail = f"{prefer} at count {back + 1} among the tied candidates"
                self._record(
                    round_number, purpose, candidates, "earlier count", remaining[0], detail
                )
                return remaining[0]
        chosen, detail = self.lot(remaining)
        self._record(round_number, purpose, candidates, "lot", chosen, detail)
        return chosen

    def _by_order(self, candidates: Sequence[int], prefer: Prefer) -> int:
        # "highest" picks the one listed first; "lowest" (whom to exclude) the one listed last.
        if prefer == "highest":
            return min(candidates, key=lambda c: self._ranks[c])
        return max(candidates, key=lambda c: self._ranks[c])

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


def _look_back(
    candidates: list[int], prefer: Prefer, history: Sequence[Sequence[int]]
) -> tuple[list[int], int]:
    """Narrow `candidates` by earlier counts, newest first; also the last count that narrowed."""
    remaining = list(candidates)
    last = -1
    for back in range(len(history) - 1, -1, -1):
        totals = history[back]
        values = [totals[c] for c in remaining]
        target = min(values) if prefer == "lowest" else max(values)
        narrowed = [c for c, v in zip(remaining, values, strict=True) if v == target]
        if len(narrowed) < len(remaining):
            remaining, last = narrowed, back
            if len(remaining) == 1:
                break
    return remaining, last
