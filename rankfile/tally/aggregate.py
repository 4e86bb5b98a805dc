"""Grouping identical rankings in an in-memory ballot array: the one step of a big count that
touches every ballot, so it is written to make few passes over the data.

Each row (candidate indices, best first, -1 = end) is packed into one int64 key, `bits` bits
per rank (candidate + 1, 0 = end), in the same pass that cuts each row at its first negative
entry, range-checks candidates and collects a bitmask of the candidates seen to detect a row
that names someone twice. Equal keys are equal rankings, so grouping is a plain sort of
integers (no argsort needed for unweighted ballots). Arrays that do not fit in 63 bits (many
candidates or very long rankings) use `np.unique(axis=0)`, which is slower but general.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rankfile.tally.errors import TallyInputError
from rankfile.tally.numeric import IntArray, exact_group_sums, exact_total

IntMatrix = npt.NDArray[np.int64]
_MASK_CANDIDATES = 62  # candidate + 1 must fit as a bit of an int64 mask


@dataclass(frozen=True)
class Aggregated:
    slots: npt.NDArray[np.int32]
    weights: npt.NDArray[np.int64]
    blank_units: int


def aggregate_array(
    matrix: npt.NDArray[np.integer],
    weights: npt.NDArray[np.int64] | None,
    n_candidates: int,
    source: str | None,
) -> Aggregated | None:
    """Distinct rows with summed weights, or None when some row repeats a candidate (the caller
    then normalises row by row)."""
    n_rows, width = matrix.shape
    bits = max(1, n_candidates.bit_length())
    if width == 0 or n_rows == 0:
        blank = exact_total(weights) if weights is not None else n_rows
        return Aggregated(np.zeros((0, 1), dtype=np.int32), np.zeros(0, dtype=np.int64), blank)
    if bits * width > 63 or n_candidates > _MASK_CANDIDATES:
        return _aggregate_general(matrix, weights, n_candidates, source)
    keys, seen, length, highest = _packed_keys(matrix, bits)
    if highest >= n_candidates:
        raise TallyInputError(
            f"ballot array names candidate {highest}, but there are only {n_candidates}",
            source=source,
        )
    if bool((np.bitwise_count(seen & ~np.int64(1)) != length).any()):
        return None
    unique_keys, summed, blank_units = _grouped_keys(keys, length, weights)
    slots = _unpacked_keys(unique_keys, bits, width)
    longest = max(1, int(length.max()))
    return Aggregated(np.ascontiguousarray(slots[:, :longest]), summed, blank_units)


def _packed_keys(
    matrix: npt.NDArray[np.integer], bits: int
) -> tuple[IntArray, IntArray, IntArray, int]:
    """(each row's key, its bitmask of candidates seen (bit 0: the end), its length, the highest
    candidate named), in one pass over the columns, each row cut at its first negative entry."""
    n_rows = matrix.shape[0]
    columns = np.ascontiguousarray(matrix.T, dtype=np.int64)  # contiguous columns: faster
    keys = np.zeros(n_rows, dtype=np.int64)
    seen = np.zeros(n_rows, dtype=np.int64)
    length = np.zeros(n_rows, dtype=np.int64)
    alive = np.ones(n_rows, dtype=bool)
    one = np.int64(1)
    highest = -1
    for column in columns:
        np.logical_and(alive, column >= 0, out=alive)
        code = column + 1
        code *= alive
        highest = max(highest, int(code.max()) - 1)
        keys <<= bits
        keys |= code
        seen |= np.left_shift(one, code)
        length += alive
    return keys, seen, length, highest


def _grouped_keys(
    keys: IntArray, length: IntArray, weights: IntArray | None
) -> tuple[IntArray, IntArray, int]:
    """(the distinct keys of non-blank rows, sorted; their summed weights; the blank rows'
    weight)."""
    blank = length == 0
    live_keys = keys[~blank]
    if weights is None:
        ordered = np.sort(live_keys)
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        summed = np.diff(np.append(starts, ordered.size)).astype(np.int64)
        return ordered[starts], summed, int(blank.sum())
    unique_keys, inverse = np.unique(live_keys, return_inverse=True)
    summed = np.array(
        exact_group_sums(inverse, weights[~blank], None, int(unique_keys.size)),
        dtype=np.int64,
    )
    return unique_keys, summed, exact_total(weights[blank])


def _unpacked_keys(unique_keys: IntArray, bits: int, width: int) -> npt.NDArray[np.int32]:
    slots = np.empty((unique_keys.size, width), dtype=np.int32)
    remaining = unique_keys.copy()
    mask = (1 << bits) - 1
    for col in range(width - 1, -1, -1):
        slots[:, col] = (remaining & mask) - 1
        remaining >>= bits
    return slots


def _aggregate_general(
    matrix: npt.NDArray[np.integer],
    weights: npt.NDArray[np.int64] | None,
    n_candidates: int,
    source: str | None,
) -> Aggregated | None:
    n_rows, width = matrix.shape
    values: IntMatrix = matrix.astype(np.int64, copy=True)
    values[~np.logical_and.accumulate(values >= 0, axis=1)] = -1
    if int(values.max(initial=-1)) >= n_candidates:
        raise TallyInputError(
            f"ballot array names candidate {int(values.max())}, but there are only {n_candidates}",
            source=source,
        )
    padded = np.where(values >= 0, values, -1 - np.arange(width, dtype=np.int64))
    ordered = np.sort(padded, axis=1)
    if width > 1 and bool((ordered[:, 1:] == ordered[:, :-1]).any()):
        return None
    unit = np.ones(n_rows, dtype=np.int64) if weights is None else weights
    blank = values[:, 0] < 0
    distinct, inverse = np.unique(values[~blank], axis=0, return_inverse=True)
    summed = np.array(
        exact_group_sums(inverse.reshape(-1), unit[~blank], None, int(distinct.shape[0])),
        dtype=np.int64,
    )
    longest = max(1, int((distinct >= 0).sum(axis=1).max(initial=1)))
    return Aggregated(
        np.ascontiguousarray(distinct[:, :longest], dtype=np.int32),
        summed,
        exact_total(unit[blank]),
    )
