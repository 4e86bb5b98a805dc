"""`rankfile export FILE --to blt|csv`: a ballot file, often a published board, in a format
other counting programs read, so that an election can be recounted with another program.

* **blt** (OpenSTV, Droop, OpaVote, eSTV): `<candidates> <seats>`, one line per distinct
  ranking with its summed weight (`=` joins equal ranks; a blank ballot is `<weight> 0`), `0`,
  the names, the title. Decimal weights are written as they are: rankfile and Droop read them;
  programs that want whole numbers do not.
* **csv** (RCTab's generic CSV, spreadsheets): a `Choice 1,...,Choice k,weight` header, then one
  row per distinct ranking, names first choice first, `A=B` for equal ranks.

Only ranked and single-choice polls can be written this way: an approval or yes/no poll is not
a ranking, and writing it as one would change its count. The tie rule is not part of either
format; recount with the same rule (`--ties`, `--tie-order`).
"""

from __future__ import annotations

import csv
import io

from rankfile.tally.errors import TallyInputError
from rankfile.tally.profile import Profile

EXPORT_FORMATS = ("blt", "csv")
_NOT_RANKINGS = {"approval", "yesno"}


def profile_export(profile: Profile, to: str) -> str:
    if profile.method in _NOT_RANKINGS:
        raise TallyInputError(
            f"a {profile.method} poll is not a ranking; it cannot be written as {to}",
            source=profile.source,
        )
    if to == "blt":
        return _blt(profile)
    if to == "csv":
        return _csv(profile)
    raise TallyInputError(f"cannot export to {to!r}; choose one of {', '.join(EXPORT_FORMATS)}")


def _blt(profile: Profile) -> str:
    lines = [f"{profile.n_candidates} {profile.seats or 1}"]
    if profile.withdrawn:
        lines.append(" ".join(f"-{c + 1}" for c in sorted(profile.withdrawn)))
    for ballot in profile.ballots():
        ranks = " ".join("=".join(str(c + 1) for c in group) for group in ballot.ranking)
        lines.append(f"{ballot.weight} {ranks} 0")
    if profile.blank_weight:
        lines.append(f"{profile.blank_weight} 0")
    lines.append("0")
    lines.extend(_quoted(name) for name in profile.candidates)
    lines.append(_quoted(profile.title or "rankfile export"))
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _csv(profile: Profile) -> str:
    names = profile.candidates
    clashing = [name for name in names if "=" in name]
    if clashing:
        raise TallyInputError(
            f"{clashing[0]!r} has '=' in its name, which CSV lists use for equal ranks",
            source=profile.source,
        )
    ballots = profile.ballots()
    width = max((len(b.ranking) for b in ballots), default=1)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*(f"Choice {i}" for i in range(1, width + 1)), "weight"])
    for ballot in ballots:
        cells = ["=".join(names[c] for c in group) for group in ballot.ranking]
        writer.writerow([*cells, *[""] * (width - len(cells)), str(ballot.weight)])
    if profile.blank_weight:
        writer.writerow([*[""] * width, str(profile.blank_weight)])
    return out.getvalue()
