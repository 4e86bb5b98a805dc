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
from rankfile.tally.numeric import WeightTotal, parse_weight
from rankfile.tally.profile import Profile
from rankfile.tally.readers._text import decode, quoted_strings, unquote


def read_blt(data: bytes | str, source: str = "<blt>") -> Profile:
    parts = _BltParts(decode(data, source).split("\n"), source)
    n_candidates, seats = parts.header()
    withdrawn = parts.withdrawn(n_candidates)
    ballots = parts.ballots(n_candidates)
    names = parts.names(n_candidates)
    title = parts.title()
    return Profile.from_ballots(
        names, ballots, seats=seats, title=title, withdrawn=withdrawn, source=source
    )


class _BltParts:
    """The parts of a file in their order, each read from where the one before ended.

    Blank lines and '#' comments are passed over everywhere; `index` is the next raw line."""

    def __init__(self, raw: list[str], source: str) -> None:
        self.raw = raw
        self.source = source
        self.index = 0
        self.last_number = 0  # the last line with content, for "file ends" errors

    def peek(self) -> tuple[int, str] | None:
        """The next line with content, as (line number, stripped text), without taking it."""
        raw = self.raw
        while self.index < len(raw):
            line = raw[self.index].strip()
            if line and not line.startswith("#"):
                self.last_number = self.index + 1
                return self.index + 1, line
            self.index += 1
        return None

    def take(self) -> tuple[int, str] | None:
        found = self.peek()
        if found is not None:
            self.index += 1
        return found

    def header(self) -> tuple[int, int]:
        """(candidates, seats) from the first line."""
        found = self.take()
        if found is None:
            raise TallyInputError("empty file", source=self.source)
        header_line, header = found
        parts = header.split()
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise TallyInputError(
                f"first line must be '<candidates> <seats>', got {header!r}",
                source=self.source,
                line=header_line,
            )
        n_candidates, seats = int(parts[0]), int(parts[1])
        if n_candidates < 1 or seats < 1:
            raise TallyInputError(
                "need at least one candidate and one seat", source=self.source, line=header_line
            )
        return n_candidates, seats

    def withdrawn(self, n_candidates: int) -> set[int]:
        withdrawn: set[int] = set()
        while (found := self.peek()) is not None and found[1].startswith("-"):
            number, line = found
            for token in line.split():
                if not (token.startswith("-") and token[1:].isdigit()):
                    raise TallyInputError(
                        f"bad withdrawn-candidate entry {token!r}", source=self.source, line=number
                    )
                withdrawn.add(_candidate(token[1:], n_candidates, self.source, number))
            self.index += 1
        return withdrawn

    def ballots(self, n_candidates: int) -> list[tuple[list[list[int]], Decimal]]:
        """The ballot lines, up to the '0' line that closes them. Identical lines are merged
        as they are read (a million ballots are a few thousand distinct lines), and each
        distinct line is parsed once, errors naming the first line it appears on."""
        first_seen: dict[str, list[int]] = {}  # text -> [first line number, times]
        raw = self.raw
        for index in range(self.index, len(raw)):
            line = raw[index].strip()
            if not line or line[0] == "#":
                continue
            if line == "0":
                self.index = index + 1
                return self._parsed(first_seen, n_candidates)
            self.last_number = index + 1
            seen = first_seen.get(line)
            if seen is None:
                first_seen[line] = [index + 1, 1]
            else:
                seen[1] += 1
        self.index = len(raw)
        raise TallyInputError(
            "file ends before the '0' line that closes the ballots (truncated?)",
            source=self.source,
            line=self.last_number,
        )

    def _parsed(
        self, first_seen: dict[str, list[int]], n_candidates: int
    ) -> list[tuple[list[list[int]], Decimal]]:
        total = WeightTotal(self.source)
        ballots: list[tuple[list[list[int]], Decimal]] = []
        for line, (number, times) in first_seen.items():
            ranking, weight = _ballot(line, n_candidates, self.source, number)
            ballots.append((ranking, total.add(weight * times, number)))
        return ballots

    def names(self, n_candidates: int) -> list[str]:
        names: list[str] = []
        while len(names) < n_candidates and (found := self.take()) is not None:
            line = found[1]
            names.extend(quoted_strings(line) if line.startswith('"') else [unquote(line)])
        if len(names) < n_candidates:
            raise TallyInputError(
                f"expected {n_candidates} candidate names after the ballots, found {len(names)} "
                "(truncated?)",
                source=self.source,
                line=self.last_number,
            )
        if len(names) > n_candidates:
            raise TallyInputError(
                f"more candidate names than the {n_candidates} declared",
                source=self.source,
                line=self.last_number,
            )
        return names

    def title(self) -> str | None:
        """The optional title, which must end the file."""
        found = self.take()
        title = None if found is None else unquote(found[1])
        extra = self.peek()
        if extra is not None:
            number, line = extra
            raise TallyInputError(
                f"unexpected text after the title: {line!r}", source=self.source, line=number
            )
        return title


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
