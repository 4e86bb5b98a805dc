"""Plain-text count sheets: candidates down the side, one column per count, as on the sheets
returning officers publish, followed by what happened at each count and why."""

from __future__ import annotations

from rankfile.tally.result import Result, Round

MAX_WIDTH = 100


def format_result(result: Result, *, title: str | None = None) -> str:
    lines: list[str] = []
    is_motion = result.method == "yesno"
    seats = f"{result.seats} seat{'s' if result.seats != 1 else ''}"
    heading = result.method_name if is_motion else f"{result.method_name}, {seats}"
    lines.append(f"{title}: {heading}" if title else heading)
    summary = f"Valid votes: {result.text(result.total)}"
    if result.quota is not None:
        summary += f"    Quota: {result.text(result.quota)}"
    lines.append(summary)
    lines.append("")
    if result.method == "schulze":
        lines.extend(_schulze(result))
    else:
        lines.extend(_count_table(result))
        lines.append("")
        lines.extend(_events(result))
    if result.tie_breaks:
        lines.append("")
        lines.append("Ties broken:")
        for tie in result.tie_breaks:
            lines.append(
                f"  round {tie.round}, {tie.purpose}: {', '.join(tie.tied)} -> "
                f"{tie.chosen} (by {tie.rule}; {tie.detail})"
            )
    if "passed" in result.extra:
        lines.append("")
        lines.append("Result: " + ("PASSED" if result.extra["passed"] else "NOT PASSED"))
    if is_motion:
        return "\n".join(lines)
    lines.append("")
    lines.append(
        "Elected, in order: "
        + "; ".join(f"{i + 1}. {name}" for i, name in enumerate(result.winners))
    )
    return "\n".join(lines)


def _count_table(result: Result) -> list[str]:
    rows: list[tuple[str, list[str]]] = [
        (name, [result.text(r.totals.get(name, 0)) for r in result.rounds])
        for name in result.candidates
    ]
    rows.append(("Exhausted", [result.text(r.exhausted) for r in result.rounds]))
    if any(r.lost_to_truncation for r in result.rounds):
        rows.append(
            ("Lost to truncation", [result.text(r.lost_to_truncation or 0) for r in result.rounds])
        )
    label_width = max(len(label) for label, _ in rows) + 2
    cell_width = max(len(cell) for _, cells in rows for cell in cells) + 2
    cell_width = max(cell_width, len(str(len(result.rounds))) + 8)
    per_block = max(1, (MAX_WIDTH - label_width) // cell_width)
    lines: list[str] = []
    for start in range(0, len(result.rounds), per_block):
        stop = min(start + per_block, len(result.rounds))
        header = "Count".ljust(label_width) + "".join(
            str(n + 1).rjust(cell_width) for n in range(start, stop)
        )
        lines.append(header)
        lines.append("-" * len(header))
        for label, cells in rows:
            lines.append(
                label.ljust(label_width) + "".join(c.rjust(cell_width) for c in cells[start:stop])
            )
        lines.append("")
    return lines[:-1]


def _events(result: Result) -> list[str]:
    lines = []
    for record in result.rounds:
        lines.append(f"Count {record.number}: {record.action}" + _value(record))
        for decision in record.excluded:
            lines.append(f"  excluded: {decision.candidate} ({decision.reason})")
        label = "outcome" if result.method == "yesno" else "elected"
        for decision in record.elected:
            lines.append(f"  {label}: {decision.candidate} ({decision.reason})")
        if record.exhausted_in_round:
            lines.append(f"  exhausted in this count: {result.text(record.exhausted_in_round)}")
        lines.extend(f"  note: {note}" for note in record.notes)
    return lines


def _value(record: Round) -> str:
    return f" (transfer values {record.transfer_value})" if record.transfer_value else ""


def _schulze(result: Result) -> list[str]:
    record = result.rounds[0]
    pairwise: dict[str, dict[str, str]] = record.extra["pairwise"]
    names = result.candidates
    labels = [f"#{i + 1} {name}" for i, name in enumerate(names)]
    label_width = max(len(label) for label in labels) + 2
    cell_width = max(
        max((len(v) for row in pairwise.values() for v in row.values()), default=1) + 2, 6
    )
    lines = ["Pairwise: ballots preferring the row to the column"]
    lines.append(
        " " * label_width + "".join(f"#{i + 1}".rjust(cell_width) for i in range(len(names)))
    )
    for label, a in zip(labels, names, strict=True):
        cells = ["-" if a == b else pairwise[a][b] for b in names]
        lines.append(label.ljust(label_width) + "".join(c.rjust(cell_width) for c in cells))
    if result.extra.get("dropped"):
        lines.append("")
        lines.append("Dropped by the majority requirement: " + ", ".join(result.extra["dropped"]))
    return lines
