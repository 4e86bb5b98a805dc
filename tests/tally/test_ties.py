"""Tie-breaking as a rule: lookback (the default), order and lot, and the tie order they use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rankfile.tally import Profile, TallyInputError, irv, scottish_stv
from rankfile.tally.cli import main
from rankfile.tally.ties import read_tie_order
from tests.tally.helpers import make_profile

# Count 1: A 4, C 3, B 2, D 1. D goes and B reaches 3: at count 2, B and C tie at 3 for
# exclusion. Earlier counts say B (2 against C's 3); the file order (A B C D) says C, listed later.
TIED_AT_COUNT_2 = [("A", 4), ("C", 3), ("B", 2), ("DB", 1)]


def tied() -> Profile:
    return make_profile(TIED_AT_COUNT_2, candidates="ABCD")


def excluded_at(result, number: int) -> list[str]:
    return [d.candidate for d in result.rounds[number - 1].excluded]


def test_it_looks_back_to_earlier_counts_by_default():
    result = irv(tied())

    assert excluded_at(result, 3) == ["B"]
    assert [(t.round, t.tied, t.rule, t.chosen) for t in result.tie_breaks] == [
        (3, ("B", "C"), "earlier count", "B")
    ]
    assert result.rules["ties"] == "lookback"


def test_it_goes_straight_to_the_file_order_under_the_order_rule():
    result = irv(tied(), ties="order")

    # C is listed after B, so C ranks lower and is excluded, whatever count 1 said.
    assert excluded_at(result, 3) == ["C"]
    assert result.tie_breaks[0].rule == "order"
    assert result.lot_seed is None


def test_it_follows_a_given_tie_order_listed_highest_first():
    result = irv(tied(), ties="order", tie_order=["D", "C", "B", "A"])

    assert excluded_at(result, 3) == ["B"]
    assert result.tie_breaks[0].rule == "order"
    assert result.rules["tie_order"] == ["D", "C", "B", "A"]


def test_it_elects_first_the_one_listed_first_in_an_election_tie():
    # A and B both exceed the quota with 3 votes each: who is elected first is a tie.
    profile = make_profile([("AC", 3), ("BC", 3), ("C", 1)], candidates="ABC", seats=2)

    by_file = scottish_stv(profile, ties="order")
    reversed_order = scottish_stv(profile, ties="order", tie_order=["C", "B", "A"])

    assert by_file.winners == ["A", "B"]
    assert reversed_order.winners == ["B", "A"]
    assert {t.purpose for t in reversed_order.tie_breaks} <= {"order of election", "surplus order"}


def test_it_draws_lots_without_looking_back_under_the_lot_rule():
    profile = tied()
    outcomes = {excluded_at(irv(profile, ties="lot", seed=str(s)), 3)[0] for s in range(20)}

    assert outcomes == {"B", "C"}  # earlier counts would always say B
    result = irv(profile, ties="lot", seed="7")
    assert result.tie_breaks[0].rule == "lot"
    assert result.lot_seed == "7"


def test_it_refuses_a_tie_order_that_leaves_out_a_candidate():
    with pytest.raises(TallyInputError, match="leaves out: D"):
        irv(tied(), ties="order", tie_order=["A", "B", "C"])


def test_it_refuses_a_tie_order_naming_someone_who_is_not_standing():
    with pytest.raises(TallyInputError, match="unknown candidates: Zed"):
        irv(tied(), ties="order", tie_order=["A", "B", "C", "D", "Zed"])


def test_it_refuses_an_unknown_tie_rule():
    with pytest.raises(TallyInputError, match="unknown tie rule"):
        irv(tied(), ties="coin")


def test_it_names_the_line_of_a_name_listed_twice(tmp_path: Path):
    path = tmp_path / "order.txt"
    path.write_text("A\nB\n\nA\n", encoding="utf-8")

    with pytest.raises(TallyInputError) as caught:
        read_tie_order(path)

    assert caught.value.line == 4
    assert "listed twice" in str(caught.value)


# ------------------------------------------------------------------ the command


def write_tied(tmp_path: Path) -> str:
    path = tmp_path / "tied.blt"
    path.write_text('4 1\n4 1 0\n3 3 0\n2 2 0\n1 4 2 0\n0\n"A"\n"B"\n"C"\n"D"\n"Tied"\n')
    return str(path)


def test_the_command_says_in_each_round_which_rule_broke_its_tie(tmp_path: Path, capsys):
    ballots = write_tied(tmp_path)
    order = tmp_path / "order.txt"
    order.write_text("D\nC\nB\nA\n", encoding="utf-8")

    assert main(["tally", ballots, "--json", "--tie-order", str(order)]) == 0

    result = json.loads(capsys.readouterr().out)
    assert result["rules"]["ties"] == "order"
    assert [d["candidate"] for d in result["rounds"][2]["excluded"]] == ["B"]
    assert [t["rule"] for t in result["rounds"][2]["tie_breaks"]] == ["order"]
    assert result["rounds"][0]["tie_breaks"] == []


def test_the_command_counts_by_the_tie_rule_it_is_told(tmp_path: Path, capsys):
    ballots = write_tied(tmp_path)

    assert main(["tally", ballots, "--ties", "order"]) == 0
    out = capsys.readouterr().out
    assert "-> C (by order;" in out


def test_the_command_refuses_a_tie_order_for_another_rule(tmp_path: Path, capsys):
    order = tmp_path / "order.txt"
    order.write_text("A\nB\nC\nD\n", encoding="utf-8")

    code = main(["tally", write_tied(tmp_path), "--ties", "lot", "--tie-order", str(order)])

    assert code == 2
    assert "--tie-order" in capsys.readouterr().err


def test_the_command_names_the_tie_order_file_it_cannot_use(tmp_path: Path, capsys):
    order = tmp_path / "order.txt"
    order.write_text("A\nB\nC\n", encoding="utf-8")

    assert main(["tally", write_tied(tmp_path), "--tie-order", str(order)]) == 2
    err = capsys.readouterr().err
    assert f"{order}: the tie order leaves out: D" in err


def test_a_tie_order_alone_means_the_order_rule():
    result = irv(tied(), tie_order=["D", "C", "B", "A"])

    assert result.rules["ties"] == "order"
    assert excluded_at(result, 3) == ["B"]


def test_it_refuses_a_tie_order_for_a_rule_that_would_not_use_it():
    with pytest.raises(TallyInputError, match="tie order is for the order rule"):
        irv(tied(), ties="lot", tie_order=["D", "C", "B", "A"])
