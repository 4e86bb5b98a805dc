"""The one exception the counting engine raises for bad input.

A count that silently skips a malformed line is worse than no count at all, so every reader
refuses the whole file and says exactly where it stopped: the file and the line number.
"""

from __future__ import annotations


class TallyInputError(ValueError):
    """Input that cannot be counted: a bad line, unknown candidate, wrong encoding, truncation."""

    def __init__(self, reason: str, *, source: str | None = None, line: int | None = None) -> None:
        self.reason = reason
        self.source = source
        self.line = line
        where = ""
        if source is not None and line is not None:
            where = f"{source}, line {line}: "
        elif source is not None:
            where = f"{source}: "
        elif line is not None:
            where = f"line {line}: "
        super().__init__(f"{where}{reason}")
