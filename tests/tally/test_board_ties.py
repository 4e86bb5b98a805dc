"""A board records the tie rule its poll was counted by, and a recount follows it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rankfile.tally import TallyInputError, board_build, board_profile, board_verify, count
from rankfile.tally.cli import main

# At count 2, B and C tie for exclusion: earlier counts say B, the option order says C.
TIED = [["a"]] * 4 + [["c"]] * 3 + [["b"]] * 2 + [["d", "b"]]


def tied_board(**poll_extra: object) -> dict:
    return board_build(
        poll_id="p",
        title="Chair",
        method="irv",
        seats=1,
        options=[("a", "Ana"), ("b", "Bo"), ("c", "Cy"), ("d", "Di")],
        ballots=[(f"{i:032x}", content, 1) for i, content in enumerate(TIED)],
        electorate=10,
        votes_cast=10,
        poll_extra=poll_extra or None,
    )


def excluded(result, number: int) -> list[str]:
    return [d.candidate for d in result.rounds[number - 1].excluded]


def test_a_board_without_a_tie_rule_is_recounted_by_looking_back():
    verification = board_verify(tied_board())

    assert excluded(verification.result, 3) == ["Bo"]
    assert verification.result.rules["ties"] == "lookback"


def test_a_board_with_the_order_rule_is_recounted_by_its_option_order():
    verification = board_verify(tied_board(ties="order"))

    assert verification.ok
    assert excluded(verification.result, 3) == ["Cy"]
    assert verification.result.tie_breaks[0].rule == "order"


def test_a_board_with_a_tie_order_is_recounted_by_that_order():
    board = tied_board(ties="order", tie_order=["d", "c", "b", "a"])

    result = count(board_profile(board))

    assert excluded(result, 3) == ["Bo"]
    assert result.rules["tie_order"] == ["Di", "Cy", "Bo", "Ana"]


def test_the_rule_is_part_of_what_the_hash_covers(tmp_path: Path, capsys):
    board = tied_board(ties="order")
    board["poll"]["ties"] = "lookback"
    path = tmp_path / "board.json"
    path.write_text(json.dumps(board), encoding="utf-8")

    assert main(["verify", str(path)]) == 1
    assert "sha256 mismatch" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"ties": "coin"}, "poll.ties must be one of"),
        ({"ties": "lot", "tie_order": ["a", "b", "c", "d"]}, 'needs poll.ties "order"'),
        ({"tie_order": ["a", "b", "c", "d"]}, 'needs poll.ties "order"'),
        ({"ties": "order", "tie_order": ["a", "b", "c"]}, "every option id once"),
        ({"ties": "order", "tie_order": ["a", "b", "c", "c"]}, "every option id once"),
        ({"ties": "order", "tie_order": ["a", "b", "c", 4]}, "every option id once"),
    ],
)
def test_it_refuses_a_malformed_tie_rule(extra, words):
    with pytest.raises(TallyInputError, match=words):
        tied_board(**extra)
