"""`rankfile export`: a board written as BLT or CSV counts to the same result when read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rankfile.tally import TallyInputError, board_build, board_profile, count, read_profile
from rankfile.tally.cli import main
from rankfile.tally.export import profile_export
from rankfile.tally.readers import read_blt, read_csv
from tests.tally.helpers import fixture

BALLOTS = [
    ["ana", "bo"],
    [["bo", "cy"], "ana"],
    ["cy"],
    ["cy", "ana"],
    ["ana"],
    [],
    ["bo", "ana", "cy"],
]


def make_board(*, weighted: bool = False) -> dict:
    weights = ["2.5", "1", "1", "0.75", "3", "1", "1"] if weighted else ["1"] * len(BALLOTS)
    return board_build(
        poll_id="p1",
        title='Delegates "north"',
        method="stv",
        seats=2,
        options=[("ana", "Ana Núñez"), ("bo", "Bo"), ("cy", "Cy")],
        ballots=[
            (f"{i:032x}", content, weight)
            for i, (content, weight) in enumerate(zip(BALLOTS, weights, strict=True))
        ],
        electorate=10,
        votes_cast=len(BALLOTS),
        weighted=weighted,
    )


def rounds(profile) -> list[dict]:
    return [
        {key: r[key] for key in ("totals", "exhausted", "elected", "excluded")}
        for r in count(profile, "stv", seats=2).to_dict()["rounds"]
    ]


@pytest.mark.parametrize("weighted", [False, True])
def test_a_board_written_as_blt_counts_the_same_round_by_round(weighted: bool):
    profile = board_profile(make_board(weighted=weighted))

    again = read_blt(profile_export(profile, "blt"), "export.blt")

    assert again.candidates == profile.candidates
    assert again.title == 'Delegates "north"'
    assert again.blank_weight == profile.blank_weight > 0
    assert rounds(again) == rounds(profile)


@pytest.mark.parametrize("weighted", [False, True])
def test_a_board_written_as_csv_counts_the_same_round_by_round(weighted: bool):
    profile = board_profile(make_board(weighted=weighted))

    again = read_csv(profile_export(profile, "csv"), "export.csv")

    # CSV lists name their candidates in sorted order; the counts by name are the same.
    assert sorted(again.candidates) == sorted(profile.candidates)
    assert again.blank_weight == profile.blank_weight
    assert rounds(again) == rounds(profile)


def test_a_real_election_survives_the_round_trip():
    profile = read_profile(fixture("scotland_edinburgh_2017_ward1", "ballots.blt"))

    again = read_blt(profile_export(profile, "blt"), "edinburgh.blt")

    assert count(again, "stv").to_dict() == count(profile, "stv").to_dict()


def test_it_refuses_to_write_an_approval_poll_as_a_ranking():
    board = board_build(
        poll_id="p",
        title="Days",
        method="approval",
        seats=1,
        options=[("m", "Monday"), ("t", "Tuesday")],
        ballots=[("1" * 32, ["m", "t"], 1)],
        electorate=1,
        votes_cast=1,
    )

    with pytest.raises(TallyInputError, match="not a ranking"):
        profile_export(board_profile(board), "blt")


def test_the_command_writes_a_board_as_blt(tmp_path: Path, capsys):
    path = tmp_path / "board.json"
    path.write_text(json.dumps(make_board()), encoding="utf-8")

    assert main(["export", str(path), "--to", "blt"]) == 0

    out = capsys.readouterr().out
    assert out.startswith("3 2\n")
    assert '"Ana Núñez"' in out
    assert read_blt(out, "out.blt").total_weight == 6
