"""Where each distinct ranking currently sits, for the transfer methods (IRV, Scottish STV).

Every row of the profile carries a pointer `pos` to the rank it is counted at and `cur`, the
candidate it is credited to (or EXHAUSTED / OVERVOTE). A transfer moves only the rows of the
candidate being transferred: `advance` walks them forward, vectorised over all moving rows at
once, until each reaches a continuing candidate or runs out.

Overvotes (the Burlington rule): a rank holding an equal-ranked group is skipped when none of
its members is continuing, counts for the member when exactly one is continuing, and exhausts
the ballot when two or more are continuing. An exhausted ballot is never looked at again, so
the exhaustion is permanent even if the group later shrinks to one continuing member.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from rankfile.tally.numeric import IntArray, exact_group_sums, exact_total
from rankfile.tally.profile import Profile

EXHAUSTED = -1
OVERVOTE = -2

BoolArray = npt.NDArray[np.bool_]
IndexArray = npt.NDArray[np.intp]


class Papers:
    def __init__(self, profile: Profile, continuing: BoolArray) -> None:
        self.slots = profile.slots
        self.members = profile.group_members
        self.weights = profile.weights
        self.n_candidates = profile.n_candidates
        rows = profile.n_rows
        self.pos = np.zeros(rows, dtype=np.int32)
        self.cur = np.full(rows, EXHAUSTED, dtype=np.int32)
        self._walk(np.arange(rows, dtype=np.intp), np.zeros(rows, dtype=np.int32), continuing)

    def rows_of(self, candidate: int) -> IndexArray:
        return np.flatnonzero(self.cur == candidate)

    def advance(self, rows: IndexArray, continuing: BoolArray) -> None:
        """Move `rows` to the next continuing preference after their current rank."""
        self._walk(rows, self.pos[rows] + 1, continuing)

    def tallies(self, values: IntArray | None, rows: IndexArray | None = None) -> list[int]:
        """Exact sum of weight*value credited to each candidate (over `rows`, default all)."""
        cur = self.cur if rows is None else self.cur[rows]
        weights = self.weights if rows is None else self.weights[rows]
        if values is not None and rows is not None:
            values = values[rows]
        live = cur >= 0
        return exact_group_sums(
            cur[live], weights[live], None if values is None else values[live], self.n_candidates
        )

    def exhausted_value(self, values: IntArray | None, rows: IndexArray) -> tuple[int, int]:
        """(value exhausted at the end of a ranking, value exhausted by an overvote) in `rows`."""
        cur = self.cur[rows]
        result = []
        for code in (EXHAUSTED, OVERVOTE):
            mask = cur == code
            subset = rows[mask]
            result.append(
                exact_total(self.weights[subset], None if values is None else values[subset])
            )
        return result[0], result[1]

    def _group_tables(self, continuing: BoolArray) -> tuple[IntArray, IntArray]:
        """For each equal-ranked group: how many members continue, and the member if just one."""
        members = self.members
        if members.shape[0] == 0:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        valid = members >= 0
        live = valid & continuing[np.where(valid, members, 0)]
        counts = live.sum(axis=1).astype(np.int64)
        single = members[np.arange(members.shape[0]), np.argmax(live, axis=1)].astype(np.int64)
        return counts, single

    def _walk(self, rows: IndexArray, start: npt.NDArray[np.int32], continuing: BoolArray) -> None:
        width = self.slots.shape[1]
        position = start.astype(np.int32, copy=True)
        result = np.full(rows.size, EXHAUSTED, dtype=np.int32)
        group_counts, group_single = self._group_tables(continuing)
        active = np.arange(rows.size, dtype=np.intp)
        while active.size:
            inside = position[active] < width
            active = active[inside]
            if not active.size:
                break
            at = position[active]
            slot = self.slots[rows[active], at]
            is_candidate = slot >= 0
            found = is_candidate & continuing[np.where(is_candidate, slot, 0)]
            chosen = np.where(found, slot, EXHAUSTED)
            finished = found | (slot == -1)
            is_group = slot <= -2
            if is_group.any():
                group = np.where(is_group, -2 - slot, 0)
                counts = group_counts[group]
                one = is_group & (counts == 1)
                chosen = np.where(one, group_single[group], chosen)
                found = found | one
                over = is_group & (counts >= 2)
                chosen = np.where(over, OVERVOTE, chosen)
                finished = finished | one | over
            result[active[finished]] = chosen[finished]
            moving = active[~finished]
            position[moving] += 1
            active = moving
        self.cur[rows] = result
        self.pos[rows] = position
