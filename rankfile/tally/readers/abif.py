"""ABIF, the Aggregated Ballot Information Format (electorama/abiftool).

    {title: "2009 Burlington mayoral election"}     metadata
    # a comment                                      (also after a ballot)
    =Kiss:[Bob Kiss (Progressive)]                  candidate token and full name
    840:Wright>Smith                                 count, then ranks best first
    6:Write-in=Wright>Montroll                       "=" puts candidates at the same rank
    3:[Bob Kiss (Progressive)]>Montroll              a full name in brackets also works
    5:Kiss/5,Montroll/3,Wright/0                     ratings: ranked by rating, equal = tie

A token not defined by an "=" line is an error when the file defines candidates (a typo must
not become a new candidate); a file with no definitions defines candidates by use.
Metadata `{seats: N}` sets the seats; `{tally_method: "IRV"}` suggests the method.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from rankfile.tally.errors import TallyInputError
from rankfile.tally.numeric import WeightTotal, parse_weight
from rankfile.tally.profile import Profile
from rankfile.tally.readers._text import decode, numbered_lines, unquote

_META = re.compile(r'^\{\s*"?([^":{}]+?)"?\s*:\s*(.*?)\s*\}$')
_DEFINE = re.compile(r"^=\s*(\[[^\]]*\]|[^:\s]+)\s*:\s*(.*)$")
_BALLOT = re.compile(r"^(\d+(?:\.\d+)?)\s*:\s*(.*)$")
_METHODS = {
    "irv": "irv",
    "rcv": "irv",
    "stv": "stv",
    "schulze": "schulze",
    "plurality": "plurality",
    "fptp": "plurality",
    "approval": "approval",
}


def read_abif(data: bytes | str, source: str = "<abif>") -> Profile:
    parsed = _AbifLines(source)
    for number, raw in numbered_lines(decode(data, source)):
        parsed.read(number, _strip_comment(raw).strip())
    defined = bool(parsed.names)
    ballots = [
        (parsed.ranking(body, number, defined=defined), weight)
        for number, weight, body in parsed.raw_ballots
    ]
    names, metadata = parsed.names, parsed.metadata
    if not names:
        raise TallyInputError("no candidates and no ballots", source=source)
    seats = metadata.get("seats")
    if seats is not None and not seats.isdigit():
        raise TallyInputError(f"bad seats metadata {seats!r}", source=source)
    method = _METHODS.get(metadata.get("tally_method", "").lower())
    return Profile.from_ballots(
        names,
        ballots,
        seats=int(seats) if seats else None,
        title=metadata.get("title"),
        method=method,
        source=source,
        metadata=metadata,
    )


@dataclass
class _AbifLines:
    """What the lines of a file say: metadata, candidates, and the ballots still as text."""

    source: str
    tokens: dict[str, int] = field(default_factory=dict)
    full_names: dict[str, int] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    raw_ballots: list[tuple[int, Decimal, str]] = field(default_factory=list)
    total: WeightTotal = field(init=False)

    def __post_init__(self) -> None:
        self.total = WeightTotal(self.source)

    def read(self, number: int, line: str) -> None:
        if not line:
            return
        if line.startswith("{"):
            self.metadata_line(number, line)
        elif line.startswith("="):
            self.definition_line(number, line)
        else:
            self.ballot_line(number, line)

    def metadata_line(self, number: int, line: str) -> None:
        match = _META.match(line)
        if not match:
            raise TallyInputError(f"bad metadata line {line!r}", source=self.source, line=number)
        self.metadata[match.group(1).strip()] = unquote(match.group(2))

    def definition_line(self, number: int, line: str) -> None:
        match = _DEFINE.match(line)
        if not match:
            raise TallyInputError(
                f"bad candidate definition {line!r}", source=self.source, line=number
            )
        token = _bare(match.group(1))
        full = _bare(match.group(2)) or token
        if token in self.tokens:
            raise TallyInputError(
                f"candidate {token!r} defined twice", source=self.source, line=number
            )
        self.tokens[token] = self.full_names[full] = len(self.names)
        self.names.append(full)

    def ballot_line(self, number: int, line: str) -> None:
        match = _BALLOT.match(line)
        if not match:
            raise TallyInputError(
                f"expected '<count>:<ranking>', got {line!r}", source=self.source, line=number
            )
        count = match.group(1)
        if Decimal(count) == 0:
            return
        weight = self.total.add(parse_weight(count, source=self.source, line=number), number)
        self.raw_ballots.append((number, weight, match.group(2)))

    def ranking(self, body: str, number: int, *, defined: bool) -> list[list[int]]:
        """A ballot's groups of candidate indexes, best first. In a file that defines no
        candidates (`defined` False), a new token is a new candidate."""
        groups: list[list[int]] = []
        for group in _parse_ranking(body, self.source, number):
            members: list[int] = []
            for token in group:
                index = self.tokens.get(token, self.full_names.get(token))
                if index is None:
                    if defined:
                        raise TallyInputError(
                            f"unknown candidate {token!r}", source=self.source, line=number
                        )
                    index = self.tokens[token] = len(self.names)
                    self.names.append(token)
                members.append(index)
            groups.append(members)
        return groups


def _parse_ranking(body: str, source: str, number: int) -> list[list[str]]:
    """Groups of tokens, best first. Ratings ("A/5,B/3") are turned into ranks."""
    body = body.strip()
    if not body:
        return []
    if "/" in body:
        return _parse_ratings(body, source, number)
    groups: list[list[str]] = []
    for rank in body.split(">"):
        members = [_bare(m) for m in re.split(r"[=,]", rank)]
        if any(not m for m in members):
            raise TallyInputError(f"empty candidate in {body!r}", source=source, line=number)
        groups.append(members)
    return groups


def _parse_ratings(body: str, source: str, number: int) -> list[list[str]]:
    rated: dict[int, list[str]] = {}
    for item in re.split(r"[>,=]", body):
        token, _, rating = item.strip().rpartition("/")
        if not token or not rating.strip().isdigit():
            raise TallyInputError(f"bad rating {item.strip()!r}", source=source, line=number)
        rated.setdefault(int(rating), []).append(_bare(token))
    return [rated[r] for r in sorted(rated, reverse=True)]


def _bare(token: str) -> str:
    token = token.strip()
    if token.startswith("[") and token.endswith("]"):
        return token[1:-1].strip()
    return unquote(token)


def _strip_comment(line: str) -> str:
    """Drop a '#' comment unless the '#' is inside [brackets] or "quotes"."""
    depth = 0
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "[" and not quoted:
            depth += 1
        elif ch == "]" and not quoted:
            depth = max(0, depth - 1)
        elif ch == "#" and not quoted and depth == 0:
            return line[:i]
    return line
