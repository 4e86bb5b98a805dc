"""Reading benchmark: a 1,041,313-ballot BLT file (and the same as CSV) read and counted,
beside `wc -l` on the same file.

    .venv/bin/python bench/tally.py --reading          # or: .venv/bin/python bench/tally_reading.py

The file has the shape of the Minneapolis 2013 mayoral contest (36 candidates, up to three
rankings, 80,101 ballots) repeated 13 times, synthetic and seeded: popularity from a gamma
draw, rankings by Plackett-Luce, lengths 1/2/3 at 20/25/55%. Each run is a fresh subprocess
(so resident memory is that of one read): the time to read the file into a profile, the time
to count it by IRV, and the peak resident set size of the process (including Python and
numpy, whose baseline is printed too). Best of three runs. The CSV file holds the same
ballots as preference lists (a "Choice 1,Choice 2,Choice 3" header, then candidate names).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

CANDIDATES = 36
CONTEST_BALLOTS = 80_101
REPEATS = 13
RUNS = 3


def write_files(blt: Path, csv: Path, seed: int) -> None:
    rng = np.random.default_rng(seed)
    popularity = rng.gamma(0.6, 1.0, CANDIDATES) + 0.01
    keys = np.log(popularity)[None, :] + rng.gumbel(size=(CONTEST_BALLOTS, CANDIDATES))
    order = np.argsort(-keys, axis=1)[:, :3] + 1
    lengths = rng.choice([1, 2, 3], size=CONTEST_BALLOTS, p=[0.2, 0.25, 0.55])
    rankings = [row[:k] for row, k in zip(order.tolist(), lengths.tolist(), strict=True)]
    contest = "".join("1 " + " ".join(map(str, r)) + " 0\n" for r in rankings)
    names = "".join(f'"Candidate {i}"\n' for i in range(1, CANDIDATES + 1))
    title = f'"Minneapolis 2013 mayor shape, x{REPEATS}"\n'
    blt.write_text(f"{CANDIDATES} 1\n" + contest * REPEATS + "0\n" + names + title)
    rows = "".join(",".join(f"Candidate {c}" for c in r) + "\n" for r in rankings)
    csv.write_text("Choice 1,Choice 2,Choice 3\n" + rows * REPEATS)


def peak_resident_kb() -> int:
    """This process's peak resident set (VmHWM). Not getrusage's ru_maxrss: that survives
    exec, so a worker would report its parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def worker(path: str) -> None:
    from rankfile.tally import irv, read_profile

    baseline = peak_resident_kb()
    started = time.perf_counter()
    profile = read_profile(path)
    read = time.perf_counter() - started
    result = irv(profile)
    counted = time.perf_counter() - started - read
    print(
        json.dumps(
            {
                "read": read,
                "count": counted,
                "rss_kb": peak_resident_kb(),
                "baseline_kb": baseline,
                "ballots": str(profile.total_weight),
                "distinct": profile.n_rows,
                "winner": result.winners[0],
            }
        )
    )


def best_wc(path: Path) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(["wc", "-l", str(path)], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return min(times)


def reading_benchmark(seed: int = 2013) -> int:
    with tempfile.TemporaryDirectory() as folder:
        blt, csv = Path(folder) / "mpls2013x13.blt", Path(folder) / "mpls2013x13.csv"
        write_files(blt, csv, seed)
        for path in (blt, csv):
            print(f"{path.suffix[1:].upper()}")
            report(path)
    return 0


def report(path: Path) -> None:
    size = path.stat().st_size
    runs = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, __file__, "--worker", str(path)],
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    wc = best_wc(path)
    best = min(runs, key=lambda r: r["read"] + r["count"])
    total = best["read"] + best["count"]
    print(f"file: {size:,} bytes, {best['ballots']} ballots, {best['distinct']:,} distinct")
    print(f"read:   {best['read']:.3f} s  ({size / best['read'] / 1e6:,.1f} MB/s)")
    print(f"count:  {best['count']:.3f} s  (IRV, winner {best['winner']})")
    print(f"total:  {total:.3f} s  ({size / total / 1e6:,.1f} MB/s)")
    print(f"wc -l:  {wc:.3f} s  ({size / wc / 1e6:,.1f} MB/s)")
    print(
        f"peak resident: {max(r['rss_kb'] for r in runs) / 1024:,.0f} MB "
        f"(Python and numpy alone: {best['baseline_kb'] / 1024:,.0f} MB)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", metavar="FILE")
    parser.add_argument("--seed", type=int, default=2013)
    arguments = parser.parse_args()
    if arguments.worker:
        worker(arguments.worker)
        sys.exit(0)
    sys.exit(reading_benchmark(arguments.seed))
