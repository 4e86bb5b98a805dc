"""CSV ballots, one ballot per row, in either of two shapes (detected from the cells):

* **Rank grid**: the header row names the candidates; each cell is the rank given to that
  candidate (1 = first). Blank or "-" = not ranked; equal numbers = equal rank; gaps in the
  numbers are closed up. Detected when the header cells are names and some other cell is a
  number; then every other cell must be a number, blank or "-".
* **Preference lists**: each row lists candidate names, first choice first; "A=B" in one cell
  puts A and B at the same rank; blank cells are skipped ranks. The first row is a header (and
  ignored) when its cells look like rank labels ("1", "Rank 1", "Choice 2", "1st"...).
  Candidates are all names that appear, in sorted order (independent of ballot order).

In both shapes a column headed "weight", "count" or "votes" gives the ballot's weight.
Delimiter: comma, or semicolon/tab when the header has those and no comma.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from typing import Any

from rankfile.tally.errors import TallyInputError
from rankfile.tally.numeric import WeightTotal, parse_weight
from rankfile.tally.profile import Profile
from rankfile.tally.readers._text import decode

Row = tuple[int, list[str], int]  # line number, cells, how many identical rows

_WEIGHT_HEADERS = {"weight", "count", "votes"}
_RANK_LABEL = re.compile(
    r"^(?:(?:rank|choice|preference|pref)\s*#?\s*\d+|\d+(?:st|nd|rd|th)?"
    r"(?:\s*(?:choice|preference|pref|rank))?)$",
    re.IGNORECASE,
)


def read_csv(data: bytes | str, source: str = "<csv>") -> Profile:
    text = decode(data, source)
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = ";" if ";" in first_line else "\t" if "\t" in first_line else ","
    rows = _merged_rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), source)
    if not rows:
        raise TallyInputError("empty file", source=source)
    header = rows[0][1]
    weight_column = next(
        (i for i, cell in enumerate(header) if cell.lower() in _WEIGHT_HEADERS), None
    )
    body = rows[1:]
    if body and _is_rank_grid(header, body, weight_column):
        return _read_grid(header, body, weight_column, source)
    if weight_column is not None or all(_RANK_LABEL.match(c) for c in header if c):
        return _read_lists(body, weight_column, source)
    return _read_lists(rows, None, source)


def _merged_rows(reader: Any, source: str) -> list[Row]:
    """The rows with content: the first alone, then each distinct row once, with the line it
    first appears on and how many times it appears (a million ballots are a few thousand
    distinct rows, so everything after this loop is done once per distinct row)."""
    first: list[Row] = []
    seen: dict[tuple[str, ...], list[int]] = {}  # cells -> [first line, times]
    try:
        for cells in reader:
            key = tuple(cells)
            counted = seen.get(key)
            if counted is not None:
                counted[1] += 1
            elif any(cell.strip() for cell in cells):
                if first:
                    seen[key] = [reader.line_num, 1]
                else:
                    first.append((reader.line_num, [c.strip() for c in cells], 1))
    except csv.Error as exc:
        raise TallyInputError(f"bad CSV: {exc}", source=source, line=reader.line_num) from None
    rest = [(line, [c.strip() for c in key], times) for key, (line, times) in seen.items()]
    return first + rest


def _is_rank_grid(header: list[str], body: list[Row], weight_column: int | None) -> bool:
    names = [c for i, c in enumerate(header) if i != weight_column]
    if not names or any(not c or _is_number(c) or _RANK_LABEL.match(c) for c in names):
        return False
    return any(
        _is_number(cell)
        for _, cells, _ in body
        for i, cell in enumerate(cells)
        if i != weight_column
    )


def _read_grid(
    header: list[str], body: list[Row], weight_column: int | None, source: str
) -> Profile:
    columns = [i for i in range(len(header)) if i != weight_column]
    names = [header[i] for i in columns]
    ballots: list[tuple[list[list[int]], Decimal]] = []
    total = WeightTotal(source)
    for number, cells, times in body:
        if len(cells) > len(header):
            raise TallyInputError(
                f"row has {len(cells)} cells but the header has {len(header)}",
                source=source,
                line=number,
            )
        cells = cells + [""] * (len(header) - len(cells))
        weight = total.add(_weight(cells, weight_column, source, number) * times, number)
        by_rank: dict[int, list[int]] = {}
        for candidate, column in enumerate(columns):
            cell = cells[column]
            if not cell or cell == "-":
                continue
            if not cell.isdigit() or int(cell) < 1:
                raise TallyInputError(
                    f"rank for {names[candidate]!r} must be a whole number from 1, got {cell!r}",
                    source=source,
                    line=number,
                )
            by_rank.setdefault(int(cell), []).append(candidate)
        ballots.append(([by_rank[r] for r in sorted(by_rank)], weight))
    return Profile.from_ballots(names, ballots, source=source, metadata={"csv_shape": "grid"})


def _read_lists(rows: list[Row], weight_column: int | None, source: str) -> Profile:
    parsed: list[tuple[list[list[str]], Decimal]] = []
    total = WeightTotal(source)
    for number, cells, times in rows:
        weight = total.add(_weight(cells, weight_column, source, number) * times, number)
        ranking = [
            [part.strip() for part in cell.split("=")]
            for i, cell in enumerate(cells)
            if i != weight_column and cell
        ]
        for group in ranking:
            if any(not member for member in group):
                raise TallyInputError(
                    f"empty name in {'='.join(group)!r}", source=source, line=number
                )
        parsed.append((ranking, weight))
    names = sorted({name for ranking, _ in parsed for group in ranking for name in group})
    if not names:
        raise TallyInputError("no candidate names in the rows", source=source)
    index = {name: i for i, name in enumerate(names)}
    ballots = [
        ([[index[m] for m in group] for group in ranking], weight) for ranking, weight in parsed
    ]
    return Profile.from_ballots(names, ballots, source=source, metadata={"csv_shape": "lists"})


def _weight(cells: list[str], column: int | None, source: str, number: int) -> Decimal:
    if column is None:
        return Decimal(1)
    cell = cells[column] if column < len(cells) else ""
    return parse_weight(cell, source=source, line=number)


def _is_number(cell: str) -> bool:
    return cell.isdigit()
