"""Benchmark rankfile.tally against pref-voting, pyrankvote and votekit.

    .venv/bin/python bench/tally.py                    # 10,000 / 100,000 / 1,000,000 ballots
    .venv/bin/python bench/tally.py --sizes 10000,100000 --quick
    .venv/bin/python bench/tally.py --reading           # reading a 1,041,313-ballot BLT file

Ballots: seeded, 10 candidates, three voter blocs of 42/33/25% each drawing a Plackett-Luce
ranking from its own candidate strengths (so there are parties and real structure), truncated
to a length from 1 to 10 (most voters rank 2-5). Every engine gets the same (n, 10) numpy
array (-1 = no further preference) and its timer covers everything from that array to the
winners: our aggregation; for the peers, turning the array into their ballot objects. Peers
that accept weighted ballots (pref-voting, votekit) are handed identical rankings already
grouped with np.unique (grouping timed with them); pyrankvote has no weights and gets one
ballot object per voter. Each (engine, method, size) runs in its own subprocess with a 5-minute
limit; runs shorter than 10 s are repeated 3 times and the best time is kept. Ballot generation
is not timed.

Rules compared: IRV everywhere (all engines implement the same rule; only exact ties could
differ). STV for 4 seats: ours is Scottish STV (WIGM, 5-decimal truncation); pref-voting's
stv_scottish implements the same statute (in floats); votekit's FastSTV uses Droop
floor(n/(m+1))+1 with fractional (Gregory) transfers and simultaneous surpluses; pyrankvote uses
the unrounded quota n/(m+1) and bulk exclusion. Only same-rule disagreements are a red flag.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt

N_CANDIDATES = 10
SEATS = 4
TIMEOUT_SECONDS = 300
REPEAT_BELOW_SECONDS = 10.0
NAMES = [f"Candidate {chr(ord('A') + i)}" for i in range(N_CANDIDATES)]
ENGINES = ("rankfile", "pref-voting", "votekit", "pyrankvote")
METHODS = ("irv", "stv")
LENGTH_SHARES = [0.12, 0.17, 0.18, 0.15, 0.11, 0.08, 0.06, 0.05, 0.03, 0.05]

Ballots = npt.NDArray[np.int64]


def generate(size: int, seed: int) -> Ballots:
    """Seeded Plackett-Luce rankings from three blocs, truncated to varied lengths."""
    rng = np.random.default_rng(seed)
    strengths = rng.gamma(shape=0.8, scale=1.0, size=(3, N_CANDIDATES)) + 0.05
    popularity = rng.gamma(shape=2.0, scale=1.0, size=N_CANDIDATES)
    log_strength = np.log(strengths * popularity)
    bloc = rng.choice(3, size=size, p=[0.42, 0.33, 0.25])
    keys = log_strength[bloc] + rng.gumbel(size=(size, N_CANDIDATES))
    order = np.argsort(-keys, axis=1)
    lengths = rng.choice(np.arange(1, N_CANDIDATES + 1), size=size, p=LENGTH_SHARES)
    order[np.arange(N_CANDIDATES)[None, :] >= lengths[:, None]] = -1
    return order.astype(np.int64)


def grouped(ballots: Ballots) -> tuple[list[list[int]], list[int]]:
    """Distinct rankings (as lists without padding) and how many voters cast each."""
    distinct, counts = np.unique(ballots, axis=0, return_counts=True)
    return [[int(c) for c in row if c >= 0] for row in distinct.tolist()], counts.tolist()


# --------------------------------------------------------------------------- engines


def run_rankfile(ballots: Ballots, method: str) -> list[str]:
    from rankfile.tally import Profile, irv, scottish_stv

    profile = Profile.from_array(NAMES, ballots)
    result = irv(profile) if method == "irv" else scottish_stv(profile, SEATS)
    return result.winners


def run_pref_voting(ballots: Ballots, method: str) -> list[str]:
    import random

    from pref_voting.iterative_methods import instant_runoff_for_truncated_linear_orders
    from pref_voting.profiles_with_ties import ProfileWithTies
    from pref_voting.proportional_methods import stv_scottish

    rankings, counts = grouped(ballots)
    profile = ProfileWithTies(
        [{c: rank + 1 for rank, c in enumerate(r)} for r in rankings],
        rcounts=counts,
        candidates=list(range(N_CANDIDATES)),
    )
    if method == "irv":
        winners = instant_runoff_for_truncated_linear_orders(profile)
    else:
        winners = stv_scottish(profile, num_seats=SEATS, rng=random.Random(1))
    return [NAMES[c] for c in winners]


def run_votekit(ballots: Ballots, method: str) -> list[str]:
    from votekit import RankBallot, RankProfile
    from votekit.elections.election_types.ranking.stv import FastSTV

    rankings, counts = grouped(ballots)
    profile = RankProfile(
        ballots=[
            RankBallot(ranking=tuple(frozenset({NAMES[c]}) for c in r), weight=w)
            for r, w in zip(rankings, counts, strict=True)
        ],
        candidates=NAMES,
    )
    seats = 1 if method == "irv" else SEATS
    election = FastSTV(profile, n_seats=seats, transfer="fractional", tiebreak="random", rng_seed=1)
    return [name for group in election.get_elected() for name in sorted(group)]


def run_pyrankvote(ballots: Ballots, method: str) -> list[str]:
    from pyrankvote import Ballot, Candidate
    from pyrankvote.multiple_seat_ranking_methods import single_transferable_vote
    from pyrankvote.single_seat_ranking_methods import instant_runoff_voting

    candidates = [Candidate(name) for name in NAMES]
    objects = [
        Ballot(ranked_candidates=[candidates[c] for c in row if c >= 0]) for row in ballots.tolist()
    ]
    if method == "irv":
        result = instant_runoff_voting(candidates, objects)
    else:
        result = single_transferable_vote(candidates, objects, number_of_seats=SEATS)
    return [c.name for c in result.get_winners()]


RUNNERS: dict[str, Callable[[Ballots, str], list[str]]] = {
    "rankfile": run_rankfile,
    "pref-voting": run_pref_voting,
    "votekit": run_votekit,
    "pyrankvote": run_pyrankvote,
}


def worker(engine: str, method: str, size: int, seed: int) -> None:
    """Child process: generate, count (best of 3 when quick), print one JSON line."""
    ballots = generate(size, seed)
    times: list[float] = []
    winners: list[str] = []
    while len(times) < 3:
        start = time.perf_counter()
        winners = RUNNERS[engine](ballots, method)
        times.append(time.perf_counter() - start)
        if times[-1] >= REPEAT_BELOW_SECONDS:
            break
    distinct = int(np.unique(ballots, axis=0).shape[0]) if engine == "rankfile" else None
    print(
        json.dumps(
            {"seconds": min(times), "runs": len(times), "winners": winners, "distinct": distinct}
        )
    )


# --------------------------------------------------------------------------- driver


def measure(engine: str, method: str, size: int, seed: int) -> dict[str, object]:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        engine,
        method,
        str(size),
        str(seed),
    ]
    try:
        completed = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        return {"status": "did not finish in 5 min"}
    if completed.returncode != 0:
        tail = completed.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"status": f"failed: {tail[0][:80]}"}
    data: dict[str, object] = json.loads(completed.stdout.strip().splitlines()[-1])
    data["status"] = "ok"
    return data


def agreement(ours: list[str], theirs: list[str], method: str) -> str:
    if method == "irv":
        return "same" if ours == theirs else "DIFFERENT"
    return "same" if sorted(ours) == sorted(theirs) else "DIFFERENT"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--methods", default="irv,stv")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--quick", action="store_true", help="10,000 and 100,000 only")
    parser.add_argument("--worker", nargs=4, metavar=("ENGINE", "METHOD", "SIZE", "SEED"))
    parser.add_argument(
        "--reading", action="store_true", help="read and count a 1,041,313-ballot BLT file"
    )
    args = parser.parse_args()
    if args.reading:
        from tally_reading import reading_benchmark  # bench/tally_reading.py

        return reading_benchmark()
    if args.worker:
        engine, method, size, seed = args.worker
        worker(engine, method, int(size), int(seed))
        return 0
    sizes = [10_000, 100_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    methods = args.methods.split(",")
    engines = args.engines.split(",")
    peers = [e for e in engines if e != "rankfile"]
    rows = []
    notes: list[str] = []
    gave_up: set[tuple[str, str]] = set()
    for method in methods:
        for size in sizes:
            ours = measure("rankfile", method, size, args.seed)
            row: dict[str, object] = {"method": method, "size": size, "rankfile": ours}
            for peer in peers:
                if (peer, method) in gave_up:
                    row[peer] = {"status": "not run (did not finish a smaller size)"}
                    continue
                row[peer] = measure(peer, method, size, args.seed)
                status = row[peer]["status"]  # type: ignore[index]
                if status != "ok":
                    gave_up.add((peer, method))
                elif ours["status"] == "ok":
                    verdict = agreement(ours["winners"], row[peer]["winners"], method)  # type: ignore[arg-type,index]
                    row[peer]["agree"] = verdict  # type: ignore[index]
                    if verdict != "same":
                        notes.append(
                            f"{method.upper()} {size:,}: {peer} elected "
                            f"{row[peer]['winners']}, rankfile {ours['winners']}"
                        )  # type: ignore[index]
            rows.append(row)
            print(f"  measured {method} {size:,}", file=sys.stderr, flush=True)
    print_table(rows, peers)
    print()
    print("Winners:")
    for row in rows:
        ours = row["rankfile"]
        print(f"  {str(row['method']).upper()} {row['size']:,}: {ours.get('winners')}")  # type: ignore[union-attr]
    print()
    if notes:
        print("Disagreements (see the rule notes in the module docstring):")
        for note in notes:
            print("  " + note)
    else:
        print("All peers that finished elected the same candidates as rankfile.")
    return 0


def print_table(rows: list[dict[str, object]], peers: list[str]) -> None:
    header = ["method", "ballots", "distinct", "rankfile", *peers, "fastest peer / rankfile"]
    table = [header]
    for row in rows:
        ours = row["rankfile"]
        assert isinstance(ours, dict)
        cells = [
            str(row["method"]).upper(),
            f"{row['size']:,}",
            f"{ours.get('distinct', 0):,}",
            _seconds(ours),
        ]
        peer_times = []
        for peer in peers:
            data = row[peer]
            assert isinstance(data, dict)
            cells.append(
                _seconds(data) + ("" if data.get("agree", "same") == "same" else " (different)")
            )
            if data["status"] == "ok":
                peer_times.append(float(data["seconds"]))
        if peer_times and ours["status"] == "ok":
            cells.append(f"{min(peer_times) / float(ours['seconds']):,.0f}x")
        else:
            cells.append("n/a")
        table.append(cells)
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for i, cells in enumerate(table):
        print(
            "  ".join(
                c.rjust(w) if j else c.ljust(w)
                for j, (c, w) in enumerate(zip(cells, widths, strict=True))
            )
        )
        if i == 0:
            print("  ".join("-" * w for w in widths))


def _seconds(data: dict[str, object]) -> str:
    if data["status"] != "ok":
        return str(data["status"])
    return f"{float(data['seconds']):.3f} s"  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
