"""Small builders for tally tests: profiles from letters, fixture paths."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from rankfile.tally import Profile

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(*parts: str) -> Path:
    return FIXTURES.joinpath(*parts)


def make_profile(
    ballots: Sequence[tuple[str, int | str | Decimal]],
    *,
    candidates: str | Sequence[str] | None = None,
    seats: int | None = None,
) -> Profile:
    """Ballots written as ("ABC", weight), "A=B>C" style ties allowed ("A=B C" -> use '=').

    Each character is a candidate; '=' joins the next candidate to the previous rank.
    """
    names = (
        list(candidates)
        if candidates is not None
        else sorted({ch for text, _ in ballots for ch in text if ch.isalpha()})
    )
    index = {name: i for i, name in enumerate(names)}
    parsed = []
    for text, weight in ballots:
        ranking: list[list[int]] = []
        join = False
        for ch in text:
            if ch == "=":
                join = True
                continue
            if join:
                ranking[-1].append(index[ch])
                join = False
            else:
                ranking.append([index[ch]])
        parsed.append((ranking, Decimal(str(weight))))
    return Profile.from_ballots(names, parsed, seats=seats)
