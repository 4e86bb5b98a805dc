"""What a count returns: winners plus the full round-by-round record, ready to publish.

Vote values are kept as exact integers of `10**-decimals` units inside the engine and leave it
as exact decimal *strings* ("2842.00000") in `to_dict()`/`to_json()`: a float in a published
result invites someone to "correct" a rounding difference that does not exist.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rankfile.tally.numeric import format_units


@dataclass(frozen=True)
class Decision:
    """A candidate elected or excluded in a round, and why."""

    candidate: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"candidate": self.candidate, "reason": self.reason}


@dataclass(frozen=True)
class TieBreak:
    """A tie that had to be broken: who was tied, by which rule, and who was chosen."""

    round: int
    purpose: str
    tied: tuple[str, ...]
    rule: str
    chosen: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.round,
            "purpose": self.purpose,
            "tied": list(self.tied),
            "rule": self.rule,
            "chosen": self.chosen,
            "detail": self.detail,
        }


@dataclass
class Round:
    """One count (stage). Totals are the votes credited to every candidate after the round."""

    number: int
    action: str
    totals: dict[str, int]
    transfers: dict[str, int] = field(default_factory=dict)
    exhausted: int = 0
    exhausted_in_round: int = 0
    lost_to_truncation: int | None = None
    quota: int | None = None
    subject: tuple[str, ...] = ()
    transfer_value: str | None = None
    elected: list[Decision] = field(default_factory=list)
    excluded: list[Decision] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, decimals: int) -> dict[str, Any]:
        def text(units: int | None) -> str | None:
            return None if units is None else format_units(units, decimals)

        return {
            "number": self.number,
            "action": self.action,
            "subject": list(self.subject),
            "transfer_value": self.transfer_value,
            "totals": {name: format_units(v, decimals) for name, v in self.totals.items()},
            "transfers": {name: format_units(v, decimals) for name, v in self.transfers.items()},
            "exhausted": text(self.exhausted),
            "exhausted_in_round": text(self.exhausted_in_round),
            "lost_to_truncation": text(self.lost_to_truncation),
            "quota": text(self.quota),
            "elected": [d.to_dict() for d in self.elected],
            "excluded": [d.to_dict() for d in self.excluded],
            "notes": list(self.notes),
            **self.extra,
        }


@dataclass
class Result:
    """The outcome of one count. `winners` are names in order of election."""

    method: str
    method_name: str
    seats: int
    winners: list[str]
    rounds: list[Round]
    candidates: list[str]
    decimals: int
    total: int
    quota: int | None = None
    tie_breaks: list[TieBreak] = field(default_factory=list)
    lot_seed: str | None = None
    rules: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def value(self, units: int) -> Decimal:
        """An internal unit count as an exact Decimal (for tests and callers doing arithmetic)."""
        return Decimal(units).scaleb(-self.decimals)

    def text(self, units: int) -> str:
        return format_units(units, self.decimals)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "method_name": self.method_name,
            "seats": self.seats,
            "quota": None if self.quota is None else self.text(self.quota),
            "winners": list(self.winners),
            "candidates": list(self.candidates),
            "total_votes": self.text(self.total),
            "decimals": self.decimals,
            "rounds": [self._round_dict(r) for r in self.rounds],
            "tie_breaks": [t.to_dict() for t in self.tie_breaks],
            "lot_seed": self.lot_seed,
            "rules": dict(self.rules),
            **self.extra,
        }

    def _round_dict(self, record: Round) -> dict[str, Any]:
        """A round, with the ties broken in it and the rule that broke each."""
        ties = [t.to_dict() for t in self.tie_breaks if t.round == record.number]
        return {**record.to_dict(self.decimals), "tie_breaks": ties}

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
