"""Decoding and line numbering shared by the text readers.

Every reader reports problems as `TallyInputError(reason, source=<file>, line=<n>)`, with
lines numbered from 1 exactly as an editor shows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rankfile.tally.errors import TallyInputError

_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def decode(data: bytes | str, source: str, *, fallback_latin1: bool = False) -> str:
    """UTF-8 text (a BOM is dropped); Latin-1 only where the format is known to use it."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        if fallback_latin1:
            return data.decode("latin-1")
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise TallyInputError(
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at column {column} "
            "(save the file as UTF-8)",
            source=source,
            line=line,
        ) from None


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line without its end-of-line characters), numbered from 1."""
    for number, line in enumerate(text.split("\n"), start=1):
        yield number, line.rstrip("\r")


def quoted_strings(line: str) -> list[str]:
    """All "double-quoted" strings on a line, with backslash escapes undone."""
    return [re.sub(r"\\(.)", r"\1", m) for m in _QUOTED.findall(line)]


def unquote(text: str) -> str:
    stripped = text.strip()
    if len(stripped) >= 2 and stripped[0] == stripped[-1] == '"':
        return re.sub(r"\\(.)", r"\1", stripped[1:-1])
    return stripped
