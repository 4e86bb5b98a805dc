"""PrefLib order files: .soi, .soc, .toi, .toc (strict/ties, incomplete/complete orders).

Current format (2022-):

    # DATA TYPE: toi
    # NUMBER ALTERNATIVES: 4
    # NUMBER VOTERS: 10
    # ALTERNATIVE NAME 1: Alice
    ...
    6: 1,2,{3,4}
    4: 2,1

Older format: the number of alternatives, one "i,name" line each, a "voters,total,unique" line,
then "count,1,2,{3,4}" lines. Braces hold equal-ranked alternatives. When the header states the
number of voters or unique orders, the file must agree (a cut-off file is refused).
"""

from __future__ import annotations

import re
from decimal import Decimal

from rankfile.tally.errors import TallyInputError
from rankfile.tally.numeric import WeightTotal, parse_weight
from rankfile.tally.profile import MAX_CANDIDATES, Profile
from rankfile.tally.readers._text import decode, numbered_lines

_HEADER = re.compile(r"^#\s*([A-Z][A-Z ]*[A-Z])\s*(?:(\d+))?\s*:\s*(.*)$")
_ORDER_TOKEN = re.compile(r"\{[^{}]*\}|[^,{}]+")


def read_preflib(data: bytes | str, source: str = "<preflib>") -> Profile:
    lines = [(n, line.strip()) for n, line in numbered_lines(decode(data, source)) if line.strip()]
    if not lines:
        raise TallyInputError("empty file", source=source)
    if lines[0][1].isdigit():
        return _read_old(lines, source)
    header: dict[str, str] = {}
    names: dict[int, str] = {}
    ballots: list[tuple[list[list[int]], Decimal]] = []
    total = WeightTotal(source)
    n_alternatives: int | None = None
    for number, line in lines:
        if line.startswith("#"):
            match = _HEADER.match(line)
            if not match:
                continue  # free-text comment
            key, index, value = match.group(1), match.group(2), match.group(3).strip()
            if key == "ALTERNATIVE NAME" and index:
                names[int(index)] = value
            else:
                header[key] = value
            continue
        if n_alternatives is None:
            n_alternatives = _header_int(header, "NUMBER ALTERNATIVES", source, number)
            if n_alternatives is None:
                n_alternatives = len(names)
        count, sep, order = line.partition(":")
        if not sep:
            raise TallyInputError(
                f"expected '<count>: <order>', got {line!r}", source=source, line=number
            )
        ballots.append(
            (
                _order(order, n_alternatives, source, number),
                total.add(parse_weight(count, source=source, line=number), number),
            )
        )
    if n_alternatives is None:
        n_alternatives = _header_int(header, "NUMBER ALTERNATIVES", source, None) or len(names)
    if n_alternatives > MAX_CANDIDATES:
        raise TallyInputError(
            f"{n_alternatives} alternatives: more than the {MAX_CANDIDATES:,} a count can hold",
            source=source,
        )
    _check_totals(header, ballots, source)
    candidate_names = [names.get(i, f"Alternative {i}") for i in range(1, n_alternatives + 1)]
    return Profile.from_ballots(
        candidate_names, ballots, title=header.get("TITLE"), source=source, metadata=header
    )


def _read_old(lines: list[tuple[int, str]], source: str) -> Profile:
    n_alternatives = int(lines[0][1])
    if len(lines) < n_alternatives + 2:
        raise TallyInputError(
            "file ends inside the header (truncated?)", source=source, line=lines[-1][0]
        )
    names: list[str] = []
    for number, line in lines[1 : n_alternatives + 1]:
        index, sep, name = line.partition(",")
        if not sep or index.strip() != str(len(names) + 1):
            raise TallyInputError(
                f"expected '{len(names) + 1},<name>', got {line!r}", source=source, line=number
            )
        names.append(name.strip())
    number, totals = lines[n_alternatives + 1]
    total = WeightTotal(source)
    parts = [p.strip() for p in totals.split(",")]
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise TallyInputError(
            f"expected '<voters>,<total>,<unique orders>', got {totals!r}",
            source=source,
            line=number,
        )
    ballots: list[tuple[list[list[int]], Decimal]] = []
    for number, line in lines[n_alternatives + 2 :]:
        count, sep, order = line.partition(",")
        if not sep:
            raise TallyInputError(
                f"expected '<count>,<order>', got {line!r}", source=source, line=number
            )
        ballots.append(
            (
                _order(order, n_alternatives, source, number),
                total.add(parse_weight(count, source=source, line=number), number),
            )
        )
    header = {"NUMBER VOTERS": parts[1], "NUMBER UNIQUE ORDERS": parts[2]}
    _check_totals(header, ballots, source)
    return Profile.from_ballots(names, ballots, source=source)


def _order(text: str, n_alternatives: int, source: str, number: int) -> list[list[int]]:
    groups: list[list[int]] = []
    stripped = text.replace(" ", "")
    if not stripped:
        return groups
    tokens = _ORDER_TOKEN.findall(stripped)
    if ",".join(tokens) != stripped:
        raise TallyInputError(f"bad order {text.strip()!r}", source=source, line=number)
    for token in tokens:
        inner = token[1:-1] if token.startswith("{") else token
        members = [m for m in inner.split(",") if m]
        group: list[int] = []
        for member in members:
            if not member.isdigit() or not 1 <= int(member) <= n_alternatives:
                raise TallyInputError(f"unknown alternative {member!r}", source=source, line=number)
            group.append(int(member) - 1)
        if group:
            groups.append(group)
    return groups


def _header_int(header: dict[str, str], key: str, source: str, line: int | None) -> int | None:
    value = header.get(key)
    if value is None:
        return None
    if not value.isdigit():
        raise TallyInputError(f"header {key} is not a number: {value!r}", source=source, line=line)
    return int(value)


def _check_totals(
    header: dict[str, str], ballots: list[tuple[list[list[int]], Decimal]], source: str
) -> None:
    voters = _header_int(header, "NUMBER VOTERS", source, None)
    if voters is not None and sum(w for _, w in ballots) != voters:
        raise TallyInputError(
            f"header says {voters} voters but the orders add up to "
            f"{sum(w for _, w in ballots)} (truncated?)",
            source=source,
        )
    unique = _header_int(header, "NUMBER UNIQUE ORDERS", source, None)
    if unique is not None and len(ballots) != unique:
        raise TallyInputError(
            f"header says {unique} unique orders but there are "
            f"{len(ballots)} order lines (truncated?)",
            source=source,
        )
