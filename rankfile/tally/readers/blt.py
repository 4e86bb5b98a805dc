"""BLT, the ballot format of ERS, OpenSTV and the Scottish preference-profile files.

    <candidates> <seats>
    -2 -5                  optional: withdrawn candidates, as negative numbers
    <weight> c1 c2 ... 0   one line per ballot (or per group of identical ballots)
    0                      end of ballots
    "Name 1"               one name per line, quoted or not (several quoted names on a
    ...                    line are also accepted)
    "Title"                optional

Extensions accepted: a ballot id in parentheses before the weight ("(b17) 1 3 2 0"), decimal
weights, "=" for equal ranks ("1 2=3 4 0") and "-" for a skipped rank. Lines starting with '#'
are comments. Anything else unexpected is an error naming the line.
"""

from __future__ import annotations

from decimal import Decimal

from rankfile.tally.errors import TallyInputError
from rankfile.tally.numeric import parse_weight
from rankfile.tally.profile import Profile
from rankfile.tally.readers._text import decode, numbered_lines, quoted_strings, unquote


def read_blt(data: bytes | str, source: str = "<blt>") -> Profile:
    lines = [
        (n, line.strip())
        for n, line in numbered_lines(decode(data, source))
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise TallyInputError("empty file", source=source)
    header_line, header = lines[0]
    parts = header.split()
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise TallyInputError(
            f"first line must be '<candidates> <seats>', got {header!r}",
            source=source,
            line=header_line,
        )
    n_candidates, seats = int(parts[0]), int(parts[1])
    if n_candidates < 1 or seats < 1:
        raise TallyInputError(
            "need at least one candidate and one seat", source=source, line=header_line
        )
    index = 1
    withdrawn: set[int] = set()
    while index < len(lines) and lines[index][1].startswith("-"):
        number, line = lines[index]
        for token in line.split():
            if not (token.startswith("-") and token[1:].isdigit()):
                raise TallyInputError(
                    f"bad withdrawn-candidate entry {token!r}", source=source, line=number
                )
            withdrawn.add(_candidate(token[1:], n_candidates, source, number))
        index += 1
    ballots: list[tuple[list[list[int]], Decimal]] = []
    closed = False
    while index < len(lines):
        number, line = lines[index]
        index += 1
        if line == "0":
            closed = True
            break
        ballots.append(_ballot(line, n_candidates, source, number))
    if not closed:
        last = lines[-1][0]
        raise TallyInputError(
            "file ends before the '0' line that closes the ballots (truncated?)",
            source=source,
            line=last,
        )
    names: list[str] = []
    while index < len(lines) and len(names) < n_candidates:
        number, line = lines[index]
        index += 1
        names.extend(quoted_strings(line) if line.startswith('"') else [unquote(line)])
    if len(names) < n_candidates:
        raise TallyInputError(
            f"expected {n_candidates} candidate names after the ballots, found {len(names)} "
            "(truncated?)",
            source=source,
            line=lines[-1][0],
        )
    if len(names) > n_candidates:
        raise TallyInputError(
            f"more candidate names than the {n_candidates} declared",
            source=source,
            line=lines[index - 1][0],
        )
    title = None
    if index < len(lines):
        title = unquote(lines[index][1])
        index += 1
    if index < len(lines):
        number, line = lines[index]
        raise TallyInputError(
            f"unexpected text after the title: {line!r}", source=source, line=number
        )
    return Profile.from_ballots(
        names, ballots, seats=seats, title=title, withdrawn=withdrawn, source=source
    )


def _ballot(
    line: str, n_candidates: int, source: str, number: int
) -> tuple[list[list[int]], Decimal]:
    tokens = line.split()
    if tokens and tokens[0].startswith("(") and tokens[0].endswith(")"):
        tokens = tokens[1:]
    if len(tokens) < 2 or tokens[-1] != "0":
        raise TallyInputError(
            f"ballot line must be '<weight> <candidates...> 0', got {line!r}",
            source=source,
            line=number,
        )
    weight = parse_weight(tokens[0], source=source, line=number)
    ranking: list[list[int]] = []
    for token in tokens[1:-1]:
        if token == "-":
            continue
        ranking.append(
            [_candidate(part, n_candidates, source, number) for part in token.split("=")]
        )
    return ranking, weight


def _candidate(token: str, n_candidates: int, source: str, number: int) -> int:
    if not token.isdigit():
        raise TallyInputError(
            f"expected a candidate number, got {token!r}", source=source, line=number
        )
    value = int(token)
    if not 1 <= value <= n_candidates:
        raise TallyInputError(
            f"unknown candidate {value} (there are {n_candidates} candidates)",
            source=source,
            line=number,
        )
    return value - 1
