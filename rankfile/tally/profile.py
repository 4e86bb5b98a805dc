"""The one ballot-set type every reader returns and every method counts.

A `Profile` stores each *distinct* ranking once with the summed weight of the ballots that cast
it. Counting then costs time in the number of distinct rankings, not ballots: a million ballots
over ten candidates collapse to a few hundred thousand rows at most, and identical rankings
always travel together under every method implemented here, so nothing is lost.

Rows are stored as an int32 matrix `slots` (one row per distinct ranking, one column per rank):
a value >= 0 is a candidate index, -1 ends the ranking, and a value <= -2 names an equal-ranked
group `-2 - g` whose members are `group_members[g]` (padded with -1). Weights are int64 counts of
`10**-weight_decimals` units, so decimal weights stay exact.

Normalisation (the same for every format): a candidate appearing again later on the same
ballot is ignored at the later position, withdrawn candidates are removed, empty ranks are
closed up (so skipped ranks are skipped), and a group left with one member becomes a plain
rank. Ballots that rank nobody are not counted; their weight is kept in `blank_weight`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from rankfile.tally.aggregate import aggregate_array
from rankfile.tally.errors import TallyInputError
from rankfile.tally.numeric import (
    MAX_TOTAL_WEIGHT,
    MAX_WEIGHT_DECIMALS,
    decimal_places,
    exact_total,
    format_units,
    to_units,
    units_to_decimal,
)

Ranking = tuple[tuple[int, ...], ...]
RankingInput = Sequence[int | Sequence[int]]
#: The most candidates a count takes: far more than any ballot has, few enough that a header
#: claiming more (a damaged file) is refused before anything is sized by it.
MAX_CANDIDATES = 10_000
WeightInput = Decimal | int | str


@dataclass(frozen=True)
class Ballot:
    """One ranking (groups of equal-ranked candidate indices, best first) and its weight."""

    ranking: Ranking
    weight: Decimal = Decimal(1)


@dataclass(frozen=True, eq=False)
class Profile:
    candidates: tuple[str, ...]
    slots: npt.NDArray[np.int32]
    group_members: npt.NDArray[np.int32]
    weights: npt.NDArray[np.int64]
    weight_decimals: int = 0
    seats: int | None = None
    title: str | None = None
    withdrawn: frozenset[int] = frozenset()
    method: str | None = None
    source: str | None = None
    blank_weight: Decimal = Decimal(0)
    metadata: Mapping[str, str] = field(default_factory=dict)

    # ----------------------------------------------------------------- construction

    @classmethod
    def from_ballots(
        cls,
        candidates: Sequence[str],
        ballots: Iterable[tuple[RankingInput, WeightInput]],
        *,
        seats: int | None = None,
        title: str | None = None,
        withdrawn: Iterable[int] = (),
        method: str | None = None,
        source: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> Profile:
        """Build from (ranking, weight) pairs; a ranking item is an index or a group of indices."""
        names = _check_candidates(candidates, source)
        withdrawn_set = frozenset(withdrawn)
        totals: dict[Ranking, Decimal] = {}
        blank = Decimal(0)
        for ranking, raw_weight in ballots:
            weight = _as_decimal(raw_weight, source)
            normal = normalize_ranking(ranking, len(names), withdrawn_set, source=source)
            if not normal:
                blank += weight
                continue
            totals[normal] = totals.get(normal, Decimal(0)) + weight
        return cls._from_totals(
            names,
            totals,
            blank,
            seats=seats,
            title=title,
            withdrawn=withdrawn_set,
            method=method,
            source=source,
            metadata=dict(metadata or {}),
        )

    @classmethod
    def from_array(
        cls,
        candidates: Sequence[str],
        array: npt.ArrayLike,
        weights: npt.ArrayLike | None = None,
        *,
        seats: int | None = None,
        title: str | None = None,
        method: str | None = None,
        source: str | None = None,
    ) -> Profile:
        """Fast path for strict rankings in memory: an (n, k) int array, -1 (any negative) ends.

        `weights`, if given, are integers (whole votes), one per row. Rows that repeat a
        candidate fall back to the general normalisation.
        """
        names = _check_candidates(candidates, source)
        matrix = np.asarray(array)
        if matrix.ndim != 2 or not np.issubdtype(matrix.dtype, np.integer):
            raise TallyInputError("ballot array must be a 2-D integer array", source=source)
        unit_weights = None if weights is None else _array_weights(weights, len(matrix), source)
        grouped = aggregate_array(matrix, unit_weights, len(names), source)
        if grouped is None:
            ones = np.ones(len(matrix), dtype=np.int64)
            weight_list = (ones if unit_weights is None else unit_weights).tolist()
            rows = (
                (_until_negative(row), int(w))
                for row, w in zip(matrix.tolist(), weight_list, strict=True)
            )
            return cls.from_ballots(
                names, rows, seats=seats, title=title, method=method, source=source
            )
        return cls(
            candidates=names,
            slots=grouped.slots,
            group_members=np.zeros((0, 2), dtype=np.int32),
            weights=grouped.weights,
            weight_decimals=0,
            seats=seats,
            title=title,
            method=method,
            source=source,
            blank_weight=Decimal(grouped.blank_units),
        )

    @classmethod
    def _from_totals(
        cls,
        names: tuple[str, ...],
        totals: Mapping[Ranking, Decimal],
        blank: Decimal,
        **fields: object,
    ) -> Profile:
        if sum(totals.values(), blank) > MAX_TOTAL_WEIGHT:
            raise TallyInputError(
                f"the weights add up to more than the {MAX_TOTAL_WEIGHT:,} votes a count can hold",
                source=fields.get("source"),  # type: ignore[arg-type]
            )
        rankings = sorted(totals)
        decimals = max((decimal_places(w) for w in totals.values()), default=0)
        decimals = max(decimals, decimal_places(blank))
        if decimals > MAX_WEIGHT_DECIMALS:
            raise TallyInputError(f"weights have more than {MAX_WEIGHT_DECIMALS} decimal places")
        width = max((len(r) for r in rankings), default=1)
        slots = np.full((len(rankings), width), -1, dtype=np.int32)
        group_ids: dict[tuple[int, ...], int] = {}
        for row, ranking in enumerate(rankings):
            for col, group in enumerate(ranking):
                if len(group) == 1:
                    slots[row, col] = group[0]
                else:
                    gid = group_ids.setdefault(group, len(group_ids))
                    slots[row, col] = -2 - gid
        group_width = max((len(g) for g in group_ids), default=2)
        members = np.full((len(group_ids), group_width), -1, dtype=np.int32)
        for group, gid in group_ids.items():
            members[gid, : len(group)] = group
        weights = np.array([to_units(totals[r], decimals) for r in rankings], dtype=np.int64)
        return cls(
            candidates=names,
            slots=slots,
            group_members=members,
            weights=weights,
            weight_decimals=decimals,
            blank_weight=blank,
            **fields,  # type: ignore[arg-type]
        )

    # ----------------------------------------------------------------- reading back

    @property
    def n_candidates(self) -> int:
        return len(self.candidates)

    @property
    def n_rows(self) -> int:
        return int(self.slots.shape[0])

    @property
    def total_units(self) -> int:
        """Total weight of all counted (non-blank) ballots, in 10**-weight_decimals units."""
        return exact_total(self.weights)

    @property
    def total_weight(self) -> Decimal:
        return units_to_decimal(self.total_units, self.weight_decimals)

    @property
    def eligible(self) -> list[int]:
        """Candidates who can be elected (not withdrawn), in candidate order."""
        return [c for c in range(self.n_candidates) if c not in self.withdrawn]

    def ranking(self, row: int) -> Ranking:
        groups: list[tuple[int, ...]] = []
        for value in self.slots[row].tolist():
            if value == -1:
                break
            if value >= 0:
                groups.append((value,))
            else:
                members = self.group_members[-2 - value]
                groups.append(tuple(int(m) for m in members if m >= 0))
        return tuple(groups)

    def ballots(self) -> list[Ballot]:
        """Distinct rankings with their summed weights (decimal)."""
        return [
            Ballot(self.ranking(row), units_to_decimal(int(w), self.weight_decimals))
            for row, w in enumerate(self.weights.tolist())
        ]

    def weight_text(self, units: int) -> str:
        return format_units(units, self.weight_decimals)

    def rank_positions(self) -> npt.NDArray[np.int32]:
        """rows x candidates: the rank (0 = first) at which each row marks each candidate;
        `n_candidates` where it does not mark it. Identical rankings give identical rows."""
        rows, width = self.slots.shape
        positions = np.full((rows, self.n_candidates), self.n_candidates, dtype=np.int32)
        for col in range(width):
            rows_at, candidates_at = self.marks_at(col)
            positions[rows_at, candidates_at] = col
        return positions

    def marks_at(self, col: int) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """(row, candidate) pairs for every candidate marked at rank `col`, groups expanded."""
        slot = self.slots[:, col]
        single = np.flatnonzero(slot >= 0)
        grouped = np.flatnonzero(slot <= -2)
        if not grouped.size:
            return single, slot[single].astype(np.intp)
        members = self.group_members[-2 - slot[grouped]]
        rows = np.repeat(grouped, members.shape[1])
        flat = members.reshape(-1)
        valid = flat >= 0
        return (
            np.concatenate((single, rows[valid])),
            np.concatenate((slot[single], flat[valid])).astype(np.intp),
        )

    def digest(self) -> str:
        """SHA-256 of a canonical form of the candidates and ballots: the default lot seed.

        Independent of the order ballots were read in and of how the profile was built. Bytes:
        "rankfile-profile/1\n", a JSON header (candidate names, weight decimals), then the
        rank-position rows (`rank_positions`, sorted, little-endian int32) and the weights in
        the same order (little-endian int64).
        """
        positions = self.rank_positions()
        order = np.lexsort(positions.T[::-1]) if self.n_rows else np.zeros(0, dtype=np.intp)
        header = {"candidates": list(self.candidates), "weight_decimals": self.weight_decimals}
        hasher = hashlib.sha256(b"rankfile-profile/1\n")
        hasher.update(json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        hasher.update(positions[order].astype("<i4").tobytes())
        hasher.update(self.weights[order].astype("<i8").tobytes())
        return hasher.hexdigest()


# --------------------------------------------------------------------- helpers


def normalize_ranking(
    ranking: RankingInput,
    n_candidates: int,
    withdrawn: frozenset[int] = frozenset(),
    *,
    source: str | None = None,
    line: int | None = None,
) -> Ranking:
    """Apply the normalisation rules in the module docstring to one ballot."""
    seen: set[int] = set()
    groups: list[tuple[int, ...]] = []
    for item in ranking:
        members = (item,) if isinstance(item, int) else tuple(item)
        kept: list[int] = []
        for member in members:
            if not 0 <= member < n_candidates:
                raise TallyInputError(
                    f"unknown candidate number {member + 1}", source=source, line=line
                )
            if member in seen or member in withdrawn:
                continue
            seen.add(member)
            kept.append(member)
        if kept:
            groups.append(tuple(sorted(kept)))
    return tuple(groups)


def _check_candidates(candidates: Sequence[str], source: str | None) -> tuple[str, ...]:
    names = tuple(candidates)
    if not names:
        raise TallyInputError("no candidates", source=source)
    if len(names) > MAX_CANDIDATES:
        raise TallyInputError(
            f"{len(names)} candidates: more than the {MAX_CANDIDATES:,} a count can hold",
            source=source,
        )
    seen: set[str] = set()
    for name in names:
        if not name.strip():
            raise TallyInputError("a candidate has an empty name", source=source)
        if name in seen:
            raise TallyInputError(f"two candidates are both called {name!r}", source=source)
        seen.add(name)
    return names


def _as_decimal(weight: WeightInput, source: str | None) -> Decimal:
    value = weight if isinstance(weight, Decimal) else Decimal(str(weight))
    if not value.is_finite() or value <= 0:
        raise TallyInputError(f"weight must be a positive number, got {weight!r}", source=source)
    return value


def _array_weights(
    weights: npt.ArrayLike | None, n_rows: int, source: str | None
) -> npt.NDArray[np.int64]:
    if weights is None:
        return np.ones(n_rows, dtype=np.int64)
    values = np.asarray(weights)
    if values.shape != (n_rows,) or not np.issubdtype(values.dtype, np.integer):
        raise TallyInputError("weights must be one integer per ballot row", source=source)
    if n_rows and int(values.min()) <= 0:
        raise TallyInputError("weights must be positive", source=source)
    # Past the bound, add exactly (numpy's int64 sum would wrap around silently).
    bounded = not n_rows or int(values.max()) * n_rows <= MAX_TOTAL_WEIGHT
    if not bounded and sum(int(w) for w in values.tolist()) > MAX_TOTAL_WEIGHT:
        raise TallyInputError(
            f"the weights add up to more than the {MAX_TOTAL_WEIGHT:,} votes a count can hold",
            source=source,
        )
    return values.astype(np.int64)


def _until_negative(row: list[int]) -> list[int]:
    """A ballot row up to (not including) its first negative entry."""
    for index, value in enumerate(row):
        if value < 0:
            return row[:index]
    return row
