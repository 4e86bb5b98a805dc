"""`rankfile tally` and `rankfile verify`: output, --json, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rankfile.tally import board_build
from rankfile.tally.cli import main
from tests.tally.helpers import fixture

EDINBURGH = str(fixture("scotland_edinburgh_2017_ward1", "ballots.blt"))
BURLINGTON = str(fixture("burlington_2009_mayor", "burl2009.abif"))


def write_board(path: Path) -> dict:
    board = board_build(
        poll_id="p",
        title="Chair",
        method="irv",
        seats=1,
        options=[("a", "Ana"), ("b", "Bo")],
        ballots=[("1" * 32, ["a"], 1), ("2" * 32, ["b", "a"], 1), ("3" * 32, ["a"], 1)],
        electorate=3,
        votes_cast=3,
    )
    path.write_text(json.dumps(board), encoding="utf-8")
    return board


def test_it_prints_a_count_sheet(capsys):
    assert main(["tally", EDINBURGH]) == 0

    out = capsys.readouterr().out
    assert "Scottish STV" in out
    assert "Quota: 2842.00000" in out
    assert "3744.20084" in out
    assert "Elected, in order: 1. Kevin LANG (LD); 2. Louise YOUNG (LD)" in out


def test_it_prints_json_with_the_required_keys(capsys):
    assert main(["tally", BURLINGTON, "--json", "--batch-elimination"]) == 0

    data = json.loads(capsys.readouterr().out)
    assert {"method", "seats", "quota", "winners", "rounds"} <= set(data)
    assert data["method"] == "irv"
    assert data["quota"] is None
    assert data["winners"] == ["Bob Kiss (Progressive)"]
    assert len(data["rounds"]) == 3
    assert data["rounds"][2]["totals"]["Bob Kiss (Progressive)"] == "4313"


def test_it_counts_by_the_method_and_seats_asked_for(capsys):
    assert main(["tally", BURLINGTON, "--method", "schulze", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["winners"] == ["Andy Montroll (Democrat)"]

    assert main(["tally", EDINBURGH, "--method", "meek", "--seats", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["method"], data["seats"]) == ("meek", 2)


def test_it_reads_the_format_it_is_told(tmp_path: Path, capsys):
    path = tmp_path / "ballots.dat"
    path.write_text("2 1\n3 1 0\n1 2 0\n0\nA\nB\n")

    assert main(["tally", str(path), "--format", "blt", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["winners"] == ["A"]


def test_it_reports_a_bad_line_with_exit_2_and_no_traceback(tmp_path: Path, capsys):
    path = tmp_path / "bad.blt"
    path.write_text("2 1\n1 1 9 0\n0\nA\nB\n")

    assert main(["tally", str(path)]) == 2

    err = capsys.readouterr().err
    assert f"{path}, line 2: unknown candidate 9" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["tally"],
        ["tally", EDINBURGH, "--method", "borda"],
        ["tally", EDINBURGH, "--seats", "two"],
        ["tally", "/no/such/file.blt"],
        ["tally", BURLINGTON, "--method", "irv", "--seats", "3"],
        ["count", EDINBURGH],
        [],
    ],
)
def test_it_exits_2_with_a_message_on_bad_usage(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.strip()
    assert "Traceback" not in err


def test_it_verifies_a_good_board(tmp_path: Path, capsys):
    path = tmp_path / "board.json"
    board = write_board(path)

    assert main(["verify", str(path)]) == 0

    out = capsys.readouterr().out
    assert f"Board sha256: {board['sha256']}" in out
    assert "Verified" in out
    assert "Elected, in order: 1. Ana" in out


def test_it_fails_a_tampered_board_with_exit_1(tmp_path: Path, capsys):
    path = tmp_path / "board.json"
    board = write_board(path)
    board["ballots"][0]["content"] = ["b"]
    path.write_text(json.dumps(board), encoding="utf-8")

    assert main(["verify", str(path)]) == 1
    assert "NOT VERIFIED: sha256 mismatch" in capsys.readouterr().err

    assert main(["verify", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert data["published_sha256"] == board["sha256"] != data["computed_sha256"]


def test_it_exits_2_on_a_board_that_is_not_a_board(tmp_path: Path, capsys):
    path = tmp_path / "board.json"
    path.write_text('{"format": "something-else"}')

    assert main(["verify", str(path)]) == 2
    assert "format must be 'rankfile-board/1'" in capsys.readouterr().err


def test_it_runs_as_a_module():
    completed = subprocess.run(
        [sys.executable, "-m", "rankfile.tally", "tally", BURLINGTON, "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["winners"] == ["Bob Kiss (Progressive)"]


def test_it_reports_a_motion_as_passed_or_not(tmp_path: Path, capsys):
    path = tmp_path / "motion.csv"
    path.write_text("yes,no,abstain\n1,,\n1,,\n,1,\n,,1\n")

    assert main(["tally", str(path), "--method", "yesno", "--majority", "two-thirds"]) == 0
    assert "Result: PASSED" in capsys.readouterr().out

    assert (
        main(
            [
                "tally",
                str(path),
                "--method",
                "yesno",
                "--abstentions-count",
                "--majority",
                "two-thirds",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Result: NOT PASSED" in out
    assert "yes 2 of 4 (yes + no + abstain)" in out
