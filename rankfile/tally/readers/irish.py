"""The Irish 2002 e-voting ballot files (Dublin North, Dublin West, Meath).

One ballot per line, each preference a double-quoted candidate code, padded to a fixed width
with "XXXXX":

    "Leni" "Dohe" "Morr" "McDo" "XXXXX" "XXXXX" "XXXXX" "XXXXX" "XXXXX"

The files carry no candidate names and no seats: candidates are the codes found, in sorted
order (so the candidate list does not depend on ballot order), unless `names` maps codes to
names. A padding entry in the middle of a ballot is a skipped rank.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from rankfile.tally.errors import TallyInputError
from rankfile.tally.profile import Profile
from rankfile.tally.readers._text import decode, numbered_lines

PADDING = "XXXXX"
_LINE = re.compile(r'^(?:"[^"]*"\s*)+$')
_CODE = re.compile(r'"([^"]*)"')


def read_irish(
    data: bytes | str, source: str = "<irish>", *, names: Mapping[str, str] | None = None
) -> Profile:
    rows: list[tuple[int, list[str]]] = []
    for number, raw in numbered_lines(decode(data, source)):
        line = raw.strip()
        if not line:
            continue
        if not _LINE.match(line):
            raise TallyInputError(
                f"expected quoted candidate codes, got {line[:60]!r}", source=source, line=number
            )
        codes = _CODE.findall(line)
        if any(not code.strip() for code in codes):
            raise TallyInputError("empty candidate code", source=source, line=number)
        rows.append((number, [c for c in codes if c != PADDING]))
    if not rows:
        raise TallyInputError("no ballots", source=source)
    codes = sorted({code for _, row in rows for code in row})
    if names is not None:
        missing = [c for c in codes if c not in names]
        if missing:
            raise TallyInputError(f"no name given for code(s) {', '.join(missing)}", source=source)
    index = {code: i for i, code in enumerate(codes)}
    ballots = (([index[c] for c in row], Decimal(1)) for _, row in rows)
    candidates = [names[c] for c in codes] if names is not None else codes
    return Profile.from_ballots(candidates, ballots, source=source)
