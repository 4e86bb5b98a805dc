"""Ballot-file readers. `read_profile(path)` guesses the format; each returns a `Profile`.

Guessing: by extension first (.blt, .abif, .soi/.soc/.toi/.toc, .csv, .json), then by content
for other names (.txt and the like): a devotee sheet has "Option 1--->" / "V:" lines, an Irish
file has lines of quoted codes, a BLT file starts with two numbers, a board is a JSON object
with "format": "rankfile-board/1", PrefLib starts with "# FILE NAME" or "# DATA TYPE".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from rankfile.tally.board import read_board
from rankfile.tally.errors import TallyInputError
from rankfile.tally.profile import Profile
from rankfile.tally.readers.abif import read_abif
from rankfile.tally.readers.blt import read_blt
from rankfile.tally.readers.csvfile import read_csv
from rankfile.tally.readers.debian import read_debian
from rankfile.tally.readers.irish import read_irish
from rankfile.tally.readers.preflib import read_preflib

Reader = Callable[[bytes, str], Profile]

READERS: dict[str, Reader] = {
    "blt": read_blt,
    "abif": read_abif,
    "debian": read_debian,
    "preflib": read_preflib,
    "csv": read_csv,
    "irish": read_irish,
    "board": read_board,
}
FORMATS = tuple(READERS)

_EXTENSIONS = {
    ".blt": "blt",
    ".abif": "abif",
    ".soi": "preflib",
    ".soc": "preflib",
    ".toi": "preflib",
    ".toc": "preflib",
    ".csv": "csv",
    ".json": "board",
}

__all__ = [
    "FORMATS",
    "READERS",
    "guess_format",
    "read_abif",
    "read_blt",
    "read_board",
    "read_csv",
    "read_debian",
    "read_irish",
    "read_preflib",
    "read_profile",
]


def read_profile(path: str | Path, format: str | None = None) -> Profile:
    """Read a ballot file; `format` is one of FORMATS, or None to guess."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TallyInputError(f"cannot read: {exc.strerror}", source=name) from None
    chosen = format or guess_format(name, data)
    if chosen not in READERS:
        raise TallyInputError(
            f"unknown format {chosen!r}; choose one of {', '.join(FORMATS)}", source=name
        )
    return READERS[chosen](data, name)


def guess_format(name: str, data: bytes) -> str:
    by_extension = _EXTENSIONS.get(Path(name).suffix.lower())
    if by_extension:
        return by_extension
    head = data[:4096].decode("latin-1")
    stripped = head.lstrip()
    if stripped.startswith("{") and "rankfile-board/" in head:
        return "board"
    if re.search(r"Option\s+1-*>\s*:", head) or re.search(r"(?m)^\s*V:\s", head):
        return "debian"
    if re.match(r'^"[^"]*"(\s+"[^"]*")*\s*$', stripped.split("\n", 1)[0].strip()):
        return "irish"
    if re.match(r"#\s*(FILE NAME|DATA TYPE|TITLE)\s*:", stripped):
        return "preflib"
    if re.match(r"^\d+\s+\d+\s*$", stripped.split("\n", 1)[0].strip()):
        return "blt"
    if re.search(r"(?m)^=[^:\n]+:", head) or re.search(r"(?m)^\{", head):
        return "abif"
    raise TallyInputError("cannot tell the file format; pass --format", source=name)
