"""The bulletin board: canonical bytes, hash, build, verify, and tampering."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest

from rankfile.tally import (
    TallyInputError,
    board_build,
    board_canonical_bytes,
    board_hash,
    board_profile,
    board_verify,
)

T1, T2, T3 = "0" * 31 + "1", "a" * 32, "f" * 32


def make_board(**overrides: object) -> dict:
    arguments: dict = {
        "poll_id": "p1",
        "title": "Delegates to the regional committee",
        "method": "stv",
        "seats": 2,
        "options": [("ana", "Ana Núñez"), ("bo", "Bo"), ("cy", "Cy")],
        "ballots": [(T3, ["ana", "bo"], 1), (T1, [["bo", "cy"], "ana"], 1), (T2, ["cy"], 1)],
        "electorate": 5,
        "votes_cast": 3,
    }
    arguments.update(overrides)
    return board_build(**arguments)


def test_it_hashes_the_canonical_json_of_the_board_without_its_hash():
    board = make_board()

    body = {k: v for k, v in board.items() if k != "sha256"}
    expected = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert board_canonical_bytes(board) == expected.encode("utf-8")
    assert board["sha256"] == hashlib.sha256(expected.encode("utf-8")).hexdigest()
    assert "Ana Núñez".encode() in board_canonical_bytes(board)
    assert [b["tracker"] for b in board["ballots"]] == [T1, T2, T3]


def test_it_pins_the_canonical_form_of_a_tiny_board():
    board = board_build(
        poll_id=7,
        title="Strike?",
        method="yesno",
        seats=1,
        options=[],
        ballots=[(T1, "yes", 1)],
        electorate=1,
        votes_cast=1,
    )

    assert board_canonical_bytes(board) == (
        b'{"ballots":[{"content":"yes","tracker":"00000000000000000000000000000001",'
        b'"weight":"1"}],"electorate":1,"format":"rankfile-board/1","poll":{"id":7,'
        b'"method":"yesno","options":[],"seats":1,"title":"Strike?","weighted":false},'
        b'"votes_cast":1}'
    )


def test_it_verifies_and_recounts_a_published_board(tmp_path: Path):
    path = tmp_path / "board.json"
    path.write_text(json.dumps(make_board(), indent=2, ensure_ascii=False), encoding="utf-8")

    verification = board_verify(path)

    assert verification.ok, verification.problems
    assert verification.published_hash == verification.computed_hash
    assert verification.result is not None
    assert verification.result.method == "stv"
    # Quota 2: nobody reaches it; Bo (no first preferences) is excluded; Ana and Cy fill the
    # two seats (in an order drawn by lot, as they are equal at every count).
    assert sorted(verification.result.winners) == ["Ana Núñez", "Cy"]


def test_it_catches_a_tampered_ballot():
    board = make_board()
    tampered = copy.deepcopy(board)
    tampered["ballots"][1]["content"] = ["ana"]

    verification = board_verify(tampered)

    assert not verification.ok
    assert verification.problems[0].startswith("sha256 mismatch")
    assert verification.computed_hash == board_hash(tampered) != board["sha256"]


def test_it_catches_a_ballot_added_with_a_recomputed_hash():
    board = make_board()
    board["ballots"].append({"tracker": "b" * 32, "content": ["bo"], "weight": "1"})
    board["ballots"].sort(key=lambda b: b["tracker"])
    board["sha256"] = board_hash(board)

    verification = board_verify(board)

    assert not verification.ok
    assert verification.problems == ["votes_cast is 3 but the board holds 4 ballots"]


def test_it_reports_unsorted_and_duplicate_trackers():
    board = make_board()
    board["ballots"] = [board["ballots"][2], board["ballots"][0], board["ballots"][0]]
    board["votes_cast"] = 3
    board["sha256"] = board_hash(board)

    problems = board_verify(board).problems

    assert "a tracker appears more than once" in problems
    assert "ballots are not sorted by tracker" in problems


def test_it_refuses_to_build_a_board_whose_count_does_not_match():
    with pytest.raises(TallyInputError, match="votes_cast is 4 but the board holds 3"):
        make_board(votes_cast=4)


@pytest.mark.parametrize(
    ("ballots", "words"),
    [
        ([(T1, ["zed"], 1)], "ballot 1 .*unknown option 'zed'"),
        ([(T1, ["ana", "ana"], 1)], "appears twice"),
        ([("XYZ", ["ana"], 1)], "tracker must be 32 lowercase hex"),
        ([(T1, ["ana"], 2)], "weight '2' in an unweighted poll"),
        ([(T1, "ana", 1)], "content must be a list"),
        ([(T1, [[]], 1)], "empty group"),
    ],
)
def test_it_refuses_malformed_ballots(ballots, words):
    with pytest.raises(TallyInputError, match=words):
        make_board(ballots=ballots, votes_cast=len(ballots))


def test_it_refuses_floats_and_duplicate_keys_in_a_board_file(tmp_path: Path):
    path = tmp_path / "b.json"
    path.write_text('{"format": "rankfile-board/1", "electorate": 1.5}')
    with pytest.raises(TallyInputError, match="not a whole number"):
        board_verify(path)
    path.write_text('{"format": "x",\n "format": "y"}')
    with pytest.raises(TallyInputError, match="duplicate key"):
        board_verify(path)
    path.write_text('{"format": \n')
    with pytest.raises(TallyInputError, match="not valid JSON") as exc:
        board_verify(path)
    assert exc.value.line == 2


def test_it_counts_each_kind_of_poll_from_its_board():
    approval = make_board(
        method="approval", seats=1, ballots=[(T1, ["ana", "bo"], 1), (T2, ["bo"], 1), (T3, [], 1)]
    )
    plurality = make_board(
        method="plurality", seats=1, ballots=[(T1, "cy", 1), (T2, "cy", 1), (T3, None, 1)]
    )
    motion = make_board(
        method="yesno",
        seats=1,
        options=[],
        poll_extra={"majority": "two-thirds"},
        ballots=[(T1, "yes", 1), (T2, "yes", 1), (T3, "no", 1)],
    )

    assert board_verify(approval).result.winners == ["Bo"]
    assert board_verify(plurality).result.winners == ["Cy"]
    result = board_verify(motion).result
    assert result.winners == ["yes"]
    assert result.rules["majority"] == "two-thirds"


def test_it_counts_delegate_weights_from_a_weighted_board():
    board = make_board(
        method="irv",
        seats=1,
        weighted=True,
        ballots=[(T1, ["ana"], "2.5"), (T2, ["bo"], "1.75"), (T3, ["cy", "bo"], "1")],
    )

    profile = board_profile(board)
    result = board_verify(board).result

    assert str(profile.total_weight) == "5.25"
    assert [b["weight"] for b in board["ballots"]] == ["2.5", "1.75", "1"]
    assert result.winners == ["Bo"]
    assert result.text(result.rounds[-1].totals["Bo"]) == "2.75"
