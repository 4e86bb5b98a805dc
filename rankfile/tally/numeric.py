"""Exact arithmetic helpers: every vote value in the engine is an integer number of small units.

Floats never hold a vote. Weights are parsed as decimals and scaled to integers; STV values are
integers in units of 1e-5 (Scottish rules) or 1e-9 (Meek). numpy's `bincount` sums in float64,
which is exact only while every partial sum stays below 2**53, so `exact_group_sums` checks that
bound first and falls back to integer or Python arithmetic when it could be exceeded.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import numpy as np
import numpy.typing as npt

from rankfile.tally.errors import TallyInputError

IntArray = npt.NDArray[np.int64]

#: Weights may have at most this many decimal places (a delegate's weight such as 2.5 or 0.333333).
MAX_WEIGHT_DECIMALS = 6
#: The most votes one file may carry, all weights added: far beyond any electorate, and small
#: enough that every sum of weights, in units of 10**-6, fits the int64 arithmetic (2**63 > 9e18).
MAX_TOTAL_WEIGHT = Decimal(10**12)
_FLOAT_EXACT_LIMIT = 2**53
_INT64_LIMIT = 2**63


def parse_weight(text: str, *, source: str | None = None, line: int | None = None) -> Decimal:
    """Parse a ballot weight written as a plain positive decimal ("1", "2.5"); refuse the rest."""
    cleaned = text.strip()
    if not cleaned or any(ch not in "0123456789." for ch in cleaned) or cleaned.count(".") > 1:
        raise TallyInputError(
            f"bad weight {text!r}: expected a positive number such as 1 or 2.5",
            source=source,
            line=line,
        )
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - guarded by the character check above
        raise TallyInputError(f"bad weight {text!r}", source=source, line=line) from exc
    if value <= 0:
        raise TallyInputError(f"weight must be positive, got {text!r}", source=source, line=line)
    if value > MAX_TOTAL_WEIGHT:
        raise TallyInputError(
            f"weight {_abbreviated(cleaned)} is more than the {MAX_TOTAL_WEIGHT:,} votes a count "
            "can hold",
            source=source,
            line=line,
        )
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if places > MAX_WEIGHT_DECIMALS:
        raise TallyInputError(
            f"weight {text!r} has more than {MAX_WEIGHT_DECIMALS} decimal places",
            source=source,
            line=line,
        )
    return value


class WeightTotal:
    """The running total of a file's weights, refused at the line where it passes
    `MAX_TOTAL_WEIGHT` (each weight alone is checked by `parse_weight`)."""

    def __init__(self, source: str | None) -> None:
        self.source = source
        self.total = Decimal(0)

    def add(self, weight: Decimal, line: int | None) -> Decimal:
        self.total += weight
        if self.total > MAX_TOTAL_WEIGHT:
            raise TallyInputError(
                f"the weights add up to more than the {MAX_TOTAL_WEIGHT:,} votes a count can hold",
                source=self.source,
                line=line,
            )
        return weight


def _abbreviated(text: str) -> str:
    return text if len(text) <= 30 else f"{text[:12]}...({len(text)} digits)"


def decimal_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def to_units(value: Decimal, decimals: int) -> int:
    """`value` as an exact integer number of 10**-decimals units (it must fit exactly)."""
    scaled = value.scaleb(decimals)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value} does not fit in {decimals} decimal places")
    return int(scaled)


def units_to_decimal(units: int, decimals: int) -> Decimal:
    return Decimal(units).scaleb(-decimals)


def format_units(units: int, decimals: int) -> str:
    """Exact fixed-point text of an integer count of 10**-decimals units ("2842.00000")."""
    sign = "-" if units < 0 else ""
    whole, frac = divmod(abs(units), 10**decimals)
    if decimals == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{frac:0{decimals}d}"


def exact_group_sums(
    index: npt.NDArray[np.integer], weights: IntArray, values: IntArray | None, size: int
) -> list[int]:
    """Sum weights[i] * values[i] into bucket index[i], exactly, for buckets 0..size-1.

    Fast path: float64 `bincount`, used only when the largest possible partial sum is below 2**53
    (then every float addition is an exact integer addition).
    """
    if index.size == 0:
        return [0] * size
    max_weight = int(weights.max())
    max_value = 1 if values is None else int(values.max())
    max_product = max_weight * max_value
    bound = max_product * int(index.size)
    if max_product < _INT64_LIMIT:
        products = weights if values is None else weights * values
        if bound < _FLOAT_EXACT_LIMIT:
            sums = np.bincount(index, weights=products.astype(np.float64), minlength=size)
            return [int(x) for x in sums]
        if bound < _INT64_LIMIT:
            totals = np.zeros(size, dtype=np.int64)
            np.add.at(totals, index, products)
            return [int(x) for x in totals]
    # Python integers: slow, exact, only reachable with enormous weights.
    result = [0] * size
    value_list = [1] * int(index.size) if values is None else values.tolist()
    for bucket, weight, value in zip(index.tolist(), weights.tolist(), value_list, strict=True):
        result[bucket] += weight * value
    return result


def exact_total(weights: IntArray, values: IntArray | None = None) -> int:
    """Exact sum of weights * values (no buckets)."""
    if weights.size == 0:
        return 0
    return exact_group_sums(np.zeros(weights.size, dtype=np.int64), weights, values, 1)[0]
