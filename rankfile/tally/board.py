"""The bulletin board: what a closed poll publishes so that anyone can recount it.

    {"format": "rankfile-board/1",
     "poll": {"id": "...", "title": "...", "method": "stv", "seats": 2, "weighted": false,
              "options": [{"id": "a", "name": "Ana"}, ...]},
     "electorate": 40, "votes_cast": 31,
     "ballots": [{"tracker": "<32 hex>", "content": ..., "weight": "1"}, ...],
     "sha256": "<hex>"}

`sha256` is the SHA-256 of the canonical JSON of the board without the `sha256` key: ballots
sorted by tracker, keys sorted, separators (",", ":"), ensure_ascii=False, UTF-8. Numbers in a
board are integers only (weights are decimal strings), so the canonical text is the same in
every language. Ballot content by method: a ranking (irv, stv, meek, schulze) is a list of
option ids, best first, where an inner list holds equal-ranked ids; approval is a list of
approved ids; plurality is one id (or null for a blank ballot); yesno is "yes", "no" or
"abstain". Optional poll keys: "majority" ("simple" | "two-thirds") and "abstentions_count"
(bool) for yes/no polls; "ties" and "tie_order", the tie rule (see `board_ties`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rankfile.tally.board_ties import board_tie_metadata
from rankfile.tally.errors import TallyInputError
from rankfile.tally.methods import count
from rankfile.tally.numeric import parse_weight
from rankfile.tally.profile import Profile
from rankfile.tally.result import Result

BOARD_FORMAT = "rankfile-board/1"
RANKING_METHODS = frozenset({"irv", "stv", "meek", "schulze"})
BOARD_METHODS = RANKING_METHODS | {"plurality", "approval", "yesno"}
YESNO_CHOICES = ("yes", "no", "abstain")
_TRACKER = re.compile(r"^[0-9a-f]{32}$")

Board = dict[str, Any]
_Fail = Callable[[str], TallyInputError]


def board_canonical_bytes(board: Mapping[str, Any]) -> bytes:
    """The exact bytes the board hash is computed over."""
    body = {key: value for key, value in board.items() if key != "sha256"}
    ballots = body.get("ballots")
    if isinstance(ballots, list):
        body["ballots"] = sorted(ballots, key=_tracker_of)
    return json.dumps(
        body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def board_hash(board: Mapping[str, Any]) -> str:
    return hashlib.sha256(board_canonical_bytes(board)).hexdigest()


def board_build(
    *,
    poll_id: str | int,
    title: str,
    method: str,
    seats: int,
    options: Sequence[tuple[str, str]],
    ballots: Iterable[tuple[str, Any, Decimal | int | str]],
    electorate: int,
    votes_cast: int,
    weighted: bool = False,
    poll_extra: Mapping[str, Any] | None = None,
) -> Board:
    """Assemble, check and hash a board. `options` are (id, name); `ballots` are
    (tracker, content, weight). Refuses a board that would not verify (e.g. votes_cast
    differs from the number of ballots)."""
    poll: dict[str, Any] = {
        "id": poll_id,
        "title": title,
        "method": method,
        "seats": seats,
        "weighted": weighted,
        "options": [{"id": option_id, "name": name} for option_id, name in options],
        **dict(poll_extra or {}),
    }
    entries = [
        {"tracker": tracker, "content": content, "weight": _weight_text(weight)}
        for tracker, content, weight in ballots
    ]
    board: Board = {
        "format": BOARD_FORMAT,
        "poll": poll,
        "electorate": electorate,
        "votes_cast": votes_cast,
        "ballots": sorted(entries, key=_tracker_of),
    }
    board_profile(board, source="board")
    problems = _count_problems(board)
    if problems:
        raise TallyInputError("; ".join(problems), source="board")
    board["sha256"] = board_hash(board)
    return board


def board_load(source: str | Path | bytes) -> tuple[Board, str]:
    """Parse a board file (strict JSON: no duplicate keys, no NaN, no floats)."""
    if isinstance(source, bytes):
        data, name = source, "<board>"
    else:
        name = str(source)
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise TallyInputError(f"cannot read: {exc.strerror}", source=name) from None
    return parse_board(data, name), name


def parse_board(data: bytes | str, source: str = "<board>") -> Board:
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1 if isinstance(data, bytes) else None
        raise TallyInputError("not UTF-8 text", source=source, line=line) from None
    try:
        board = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_float=_no_float,
            parse_constant=_no_constant,
        )
    except json.JSONDecodeError as exc:
        raise TallyInputError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", source=source, line=exc.lineno
        ) from None
    except ValueError as exc:
        raise TallyInputError(str(exc), source=source) from None
    if not isinstance(board, dict):
        raise TallyInputError("a board is a JSON object", source=source)
    return board


def read_board(data: bytes | str, source: str = "<board>") -> Profile:
    return board_profile(parse_board(data, source), source=source)


def board_profile(board: Mapping[str, Any], *, source: str = "<board>") -> Profile:
    """Check a board's structure and return its ballots as a Profile (method, seats set)."""

    def fail(reason: str) -> TallyInputError:
        return TallyInputError(reason, source=source)

    poll = _checked_poll(board, fail)
    method, seats = poll["method"], poll["seats"]
    names, ids = _options(poll, method, fail)
    ballots = board.get("ballots")
    if not isinstance(ballots, list):
        raise fail("missing 'ballots' list")
    parsed = [
        _ballot_entry(number, ballot, poll=poll, ids=ids, fail=fail)
        for number, ballot in enumerate(ballots, start=1)
    ]
    metadata = {"poll_id": str(poll["id"]), **board_tie_metadata(poll, names, ids, fail)}
    if "majority" in poll:
        metadata["majority"] = str(poll["majority"])
    if "abstentions_count" in poll:
        metadata["abstentions_count"] = "true" if poll["abstentions_count"] else "false"
    return Profile.from_ballots(
        names,
        parsed,
        seats=seats,
        title=poll["title"],
        method=method,
        source=source,
        metadata=metadata,
    )


def _checked_poll(board: Mapping[str, Any], fail: _Fail) -> dict[str, Any]:
    """The board's poll, once its format, poll keys and counts are well formed."""
    if board.get("format") != BOARD_FORMAT:
        raise fail(f"format must be {BOARD_FORMAT!r}, got {board.get('format')!r}")
    poll = board.get("poll")
    if not isinstance(poll, dict):
        raise fail("missing 'poll' object")
    method = poll.get("method")
    if method not in BOARD_METHODS:
        raise fail(f"poll.method must be one of {sorted(BOARD_METHODS)}, got {method!r}")
    seats = poll.get("seats")
    if not isinstance(seats, int) or isinstance(seats, bool) or seats < 1:
        raise fail("poll.seats must be a whole number of at least 1")
    if not isinstance(poll.get("weighted"), bool):
        raise fail("poll.weighted must be true or false")
    if not _is_int_or_str(poll.get("id")):
        raise fail(f"poll.id must be a non-empty string or an integer, got {poll.get('id')!r}")
    if not isinstance(poll.get("title"), str):
        raise fail("poll.title must be a string")
    for key in ("electorate", "votes_cast"):
        if not _is_int(board.get(key)) or board[key] < 0:
            raise fail(f"{key} must be a whole number")
    return poll


def _ballot_entry(
    number: int, ballot: Any, *, poll: Mapping[str, Any], ids: Mapping[str, int], fail: _Fail
) -> tuple[list[list[int]], Decimal]:
    """(content, weight) of the board's `number`th ballot, once it is well formed."""
    where = f"ballot {number}"
    if not isinstance(ballot, dict) or set(ballot) != {"tracker", "content", "weight"}:
        raise fail(f"{where}: needs exactly tracker, content and weight")
    tracker = ballot["tracker"]
    if not isinstance(tracker, str) or not _TRACKER.match(tracker):
        raise fail(f"{where}: tracker must be 32 lowercase hex digits")
    where = f"ballot {number} (tracker {tracker})"
    weight_text = ballot["weight"]
    if not isinstance(weight_text, str):
        raise fail(f'{where}: weight must be a decimal string such as "1"')
    try:
        weight = parse_weight(weight_text)
    except TallyInputError as exc:
        raise fail(f"{where}: {exc.reason}") from None
    if not poll["weighted"] and weight_text != "1":
        raise fail(f"{where}: weight {weight_text!r} in an unweighted poll")
    content = _content(poll["method"], ballot["content"], ids, _prefixed(fail, where))
    return content, weight


@dataclass
class BoardVerification:
    ok: bool
    published_hash: str | None
    computed_hash: str
    problems: list[str] = field(default_factory=list)
    result: Result | None = None


def board_verify(
    board_or_path: Mapping[str, Any] | str | Path, *, seed: str | None = None
) -> BoardVerification:
    """Recompute the hash, check the counts, recount. Structural errors raise
    TallyInputError; mismatches are listed in `problems` (and make `ok` false)."""
    if isinstance(board_or_path, (str, Path)):
        board, source = board_load(board_or_path)
    else:
        board, source = dict(board_or_path), "<board>"
    profile = board_profile(board, source=source)
    computed = board_hash(board)
    published = board.get("sha256")
    problems: list[str] = []
    if published is None:
        problems.append("the board has no sha256")
    elif published != computed:
        problems.append(f"sha256 mismatch: published {published}, computed {computed}")
    problems.extend(_count_problems(board))
    result = count(profile, seed=seed) if profile.n_rows else None
    return BoardVerification(
        ok=not problems,
        published_hash=published,
        computed_hash=computed,
        problems=problems,
        result=result,
    )


# --------------------------------------------------------------------- helpers


def _count_problems(board: Mapping[str, Any]) -> list[str]:
    ballots = board["ballots"]
    problems = []
    if board["votes_cast"] != len(ballots):
        problems.append(
            f"votes_cast is {board['votes_cast']} but the board holds {len(ballots)} ballots"
        )
    if board["votes_cast"] > board["electorate"]:
        problems.append(
            f"votes_cast {board['votes_cast']} exceeds the electorate {board['electorate']}"
        )
    trackers = [b["tracker"] for b in ballots]
    if len(set(trackers)) != len(trackers):
        problems.append("a tracker appears more than once")
    if trackers != sorted(trackers):
        problems.append("ballots are not sorted by tracker")
    return problems


def _options(poll: Mapping[str, Any], method: str, fail: Any) -> tuple[list[str], dict[str, int]]:
    options = poll.get("options")
    if not isinstance(options, list):
        raise fail("poll.options must be a list")
    if method == "yesno":
        if options and [o.get("id") if isinstance(o, dict) else None for o in options] != list(
            YESNO_CHOICES
        ):
            raise fail("a yes/no poll's options must be yes, no, abstain (or empty)")
        return list(YESNO_CHOICES), {choice: i for i, choice in enumerate(YESNO_CHOICES)}
    names: list[str] = []
    ids: dict[str, int] = {}
    for option in options:
        if not (
            isinstance(option, dict)
            and set(option) == {"id", "name"}
            and isinstance(option["id"], str)
            and isinstance(option["name"], str)
            and option["id"]
            and option["name"].strip()
        ):
            raise fail('each option is {"id": <text>, "name": <text>}')
        if option["id"] in ids:
            raise fail(f"option id {option['id']!r} appears twice")
        ids[option["id"]] = len(names)
        names.append(option["name"])
    if not names:
        raise fail("the poll has no options")
    return names, ids


def _content(method: str, content: Any, ids: Mapping[str, int], fail: Any) -> list[list[int]]:
    if method == "yesno":
        if content not in YESNO_CHOICES:
            raise fail(f"content must be yes, no or abstain, got {content!r}")
        return [[ids[content]]]
    if method == "plurality":
        if content is None:
            return []
        return [[_option(content, ids, fail)]]
    if not isinstance(content, list):
        raise fail("content must be a list of option ids")
    seen: set[int] = set()
    groups: list[list[int]] = []
    for item in content:
        if method == "approval" and isinstance(item, list):
            raise fail("approval content is a flat list of option ids")
        members = item if isinstance(item, list) else [item]
        if not members:
            raise fail("empty group in ranking")
        group = []
        for member in members:
            index = _option(member, ids, fail)
            if index in seen:
                raise fail(f"option {member!r} appears twice")
            seen.add(index)
            group.append(index)
        groups.append(group)
    if method == "approval":
        return [[member for group in groups for member in group]] if groups else []
    return groups


def _prefixed(fail: Any, where: str) -> Any:
    def prefixed(reason: str) -> TallyInputError:
        return fail(f"{where}: {reason}")

    return prefixed


def _option(value: Any, ids: Mapping[str, int], fail: Any) -> int:
    if not isinstance(value, str) or value not in ids:
        raise fail(f"unknown option {value!r}")
    return ids[value]


def _tracker_of(ballot: Any) -> str:
    return str(ballot.get("tracker", "")) if isinstance(ballot, dict) else ""


def _weight_text(weight: Decimal | int | str) -> str:
    value = weight if isinstance(weight, Decimal) else Decimal(str(weight))
    return format(value.normalize(), "f")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_int_or_str(value: Any) -> bool:
    return _is_int(value) or (isinstance(value, str) and bool(value))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_float(text: str) -> Any:
    raise ValueError(f"number {text} is not a whole number (weights are strings)")


def _no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not allowed in a board")
