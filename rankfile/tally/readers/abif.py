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
from decimal import Decimal

from rankfile.tally.errors import TallyInputError
from rankfile.tally.numeric import parse_weight
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
    text = decode(data, source)
    tokens: dict[str, int] = {}
    full_names: dict[str, int] = {}
    names: list[str] = []
    metadata: dict[str, str] = {}
    raw_ballots: list[tuple[int, Decimal, str]] = []
    for number, raw in numbered_lines(text):
        line = _strip_comment(raw).strip()
        if not line:
            continue
        if line.startswith("{"):
            match = _META.match(line)
            if not match:
                raise TallyInputError(f"bad metadata line {line!r}", source=source, line=number)
            metadata[match.group(1).strip()] = unquote(match.group(2))
        elif line.startswith("="):
            match = _DEFINE.match(line)
            if not match:
                raise TallyInputError(
                    f"bad candidate definition {line!r}", source=source, line=number
                )
            token = _bare(match.group(1))
            full = _bare(match.group(2)) or token
            if token in tokens:
                raise TallyInputError(
                    f"candidate {token!r} defined twice", source=source, line=number
                )
            tokens[token] = full_names[full] = len(names)
            names.append(full)
        else:
            match = _BALLOT.match(line)
            if not match:
                raise TallyInputError(
                    f"expected '<count>:<ranking>', got {line!r}", source=source, line=number
                )
            count = match.group(1)
            if Decimal(count) == 0:
                continue
            raw_ballots.append(
                (number, parse_weight(count, source=source, line=number), match.group(2))
            )
    defined = bool(names)
    ballots: list[tuple[list[list[int]], Decimal]] = []
    for number, weight, body in raw_ballots:
        ranking = _parse_ranking(body, source, number)
        groups: list[list[int]] = []
        for group in ranking:
            members: list[int] = []
            for token in group:
                index = tokens.get(token, full_names.get(token))
                if index is None:
                    if defined:
                        raise TallyInputError(
                            f"unknown candidate {token!r}", source=source, line=number
                        )
                    index = tokens[token] = len(names)
                    names.append(token)
                members.append(index)
            groups.append(members)
        ballots.append((groups, weight))
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
