"""Read Droop's round-by-round dumps and compare a rankfile count with them, round by round.

A dump row (tab-separated) is: round, action, quota, votes, surplus, residual, then
name/state/vote/kf for every candidate. The first row of a round (a "tie", "elect" or
"defeat" row) shows the round's totals before anyone is defeated in it: that is what rankfile
records as the round's totals and keep factors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rankfile.tally import Result

_ZERO = "0.000000000"


@dataclass(frozen=True)
class DroopRound:
    number: int
    quota: str
    votes: dict[str, str]
    keep_factors: dict[str, str]
    defeated: str | None  # the B.3 defeat of the round, if the round ended in one


def _people(cells: list[str]) -> list[list[str]]:
    return [cells[i : i + 4] for i in range(6, len(cells), 4)]


def read_droop_dump(path: Path) -> tuple[list[DroopRound], set[str]]:
    """The rounds, and the candidates elected at the end."""
    rows: dict[int, list[list[str]]] = {}
    winners: set[str] = set()
    for line in path.read_text().splitlines()[1:]:
        cells = line.split("\t")
        if cells[0] == "X":
            winners = {name for name, state, _, _ in _people(cells) if state == "E"}
        if cells[0].isdigit() and cells[1] in {"tie", "elect", "defeat"}:
            rows.setdefault(int(cells[0]), []).append(cells)
    rounds = []
    for number, round_rows in sorted(rows.items()):
        first = round_rows[0]
        defeated = None
        if first[1] in {"tie", "defeat"}:
            # Just defeated: state D with its keep factor not yet set to 0.
            row = next(r for r in round_rows if r[1] == "defeat")
            defeated = next(n for n, s, _, kf in _people(row) if s == "D" and kf != _ZERO)
        people = _people(first)
        rounds.append(
            DroopRound(
                number=number,
                quota=first[2],
                votes={name: vote for name, _, vote, _ in people},
                keep_factors={name: kf for name, _, _, kf in people},
                defeated=defeated,
            )
        )
    return rounds, winners


def disagreements(result: Result, path: Path) -> list[str]:
    """Every figure where `result` parts from Droop's dump (empty: they agree throughout)."""
    reference, winners = read_droop_dump(path)
    found: list[str] = []
    if set(result.winners) != winners:
        found.append(f"winners {sorted(result.winners)}, reference {sorted(winners)}")
    ours = result.to_dict()["rounds"]
    if len(ours) != len(reference):
        found.append(f"{len(ours)} rounds, reference {len(reference)}")
    for mine, theirs in zip(ours, reference, strict=False):
        where = f"round {theirs.number}"
        if mine["quota"] != theirs.quota:
            found.append(f"{where}: quota {mine['quota']} != {theirs.quota}")
        for name, vote in theirs.votes.items():
            if mine["totals"][name] != vote:
                found.append(f"{where}: {name} has {mine['totals'][name]}, reference {vote}")
            if mine["keep_factors"][name] != theirs.keep_factors[name]:
                found.append(f"{where}: {name}'s keep factor {mine['keep_factors'][name]}")
        defeated = [d["candidate"] for d in mine["excluded"]]
        if theirs.defeated is not None and defeated != [theirs.defeated]:
            found.append(f"{where}: defeated {defeated}, reference {theirs.defeated}")
    return found


def agreement_table() -> list[str]:
    """How many of the reference counts each way of counting reproduces, round by round."""
    from rankfile.tally import count, read_profile
    from rankfile.tally.ties import read_tie_order
    from tests.tally.helpers import fixture

    folder = fixture("droop_meek_prf")
    cases = ["42t", "513", "SC", "SC-Vm-12"]
    lines = []
    for method in ("meek", "meek-prf"):
        for ordered in (False, True):
            parted = []
            for case in cases:
                profile = read_profile(folder / f"{case}.blt")
                order = read_tie_order(folder / f"{case}.tie-order") if ordered else None
                result = count(profile, method, ties="order" if ordered else None, tie_order=order)
                if disagreements(result, folder / f"{case}.droop.txt"):
                    parted.append(case)
            ties = "--ties order --tie-order" if ordered else "default ties"
            agreeing = len(cases) - len(parted)
            lines.append(f"{method:9} {ties:26} {agreeing}/{len(cases)} agree; parting: {parted}")
    return lines


if __name__ == "__main__":  # .venv/bin/python -m tests.tally.droop
    import sys

    sys.stdout.write("\n".join(agreement_table()) + "\n")
