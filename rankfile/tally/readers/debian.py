"""Debian "devotee" tally sheets (www.debian.org/vote/<year>/vote_NNN_tally.txt).

    Option 1---------->: Wouter Verhelst
    ...
    V: 296153487            82779753e0665892a0168183b4d03db6

The k-th character of a vote is the rank given to option k: '1' is best, equal characters
are equal ranks, '-' leaves the option unranked. Ranks above 9 are letters (A=10, B=11, ...,
either case). Sheets are Latin-1 (older ones) or UTF-8; UTF-8 is tried first. The last option
is taken as the default option when it is "None Of The Above" or "Further Discussion", and
the method suggested is Schulze.
"""

from __future__ import annotations

import re
from decimal import Decimal

from rankfile.tally.errors import TallyInputError
from rankfile.tally.profile import Profile
from rankfile.tally.readers._text import decode, numbered_lines

_OPTION = re.compile(r"Option\s+(\d+)\s*-*>\s*:\s*(.*?)\s*$")
_VOTE = re.compile(r"^\s*V:\s*(\S+)(?:\s+(\S+))?\s*$")
_DEFAULT_NAMES = {"none of the above", "further discussion"}


def read_debian(data: bytes | str, source: str = "<debian>") -> Profile:
    text = decode(data, source, fallback_latin1=True)
    options: dict[int, str] = {}
    ballots: list[tuple[list[list[int]], Decimal]] = []
    for number, line in numbered_lines(text):
        option = _OPTION.search(line)
        if option:
            if ballots:
                raise TallyInputError(
                    "option line after the first vote", source=source, line=number
                )
            index = int(option.group(1))
            if index != len(options) + 1:
                raise TallyInputError(
                    f"expected option {len(options) + 1}, got {index}", source=source, line=number
                )
            options[index] = option.group(2)
            continue
        if not line.lstrip().startswith("V:"):
            continue
        vote = _VOTE.match(line)
        if not vote:
            raise TallyInputError(f"bad vote line {line.strip()!r}", source=source, line=number)
        if not options:
            raise TallyInputError(
                "vote before any 'Option N--->: name' line", source=source, line=number
            )
        marks = vote.group(1)
        if len(marks) != len(options):
            raise TallyInputError(
                f"vote has {len(marks)} marks for {len(options)} options",
                source=source,
                line=number,
            )
        by_rank: dict[int, list[int]] = {}
        for position, mark in enumerate(marks):
            if mark == "-":
                continue
            by_rank.setdefault(_rank(mark, source, number), []).append(position)
        ballots.append(([by_rank[r] for r in sorted(by_rank)], Decimal(1)))
    if not options:
        raise TallyInputError(
            "no 'Option N--->: name' lines: not a devotee tally sheet", source=source
        )
    names = [options[i] for i in sorted(options)]
    metadata = {}
    if names[-1].strip().lower() in _DEFAULT_NAMES:
        metadata["default_option"] = names[-1]
    return Profile.from_ballots(names, ballots, method="schulze", source=source, metadata=metadata)


def _rank(mark: str, source: str, number: int) -> int:
    if mark.isdigit() and mark != "0":
        return int(mark)
    if mark.isascii() and mark.isalpha():
        return 10 + ord(mark.upper()) - ord("A")
    raise TallyInputError(f"bad rank mark {mark!r}", source=source, line=number)
