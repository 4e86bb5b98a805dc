"""The PRF Reference Meek Rule against Droop's reference counts (fixtures/droop_meek_prf)."""

from __future__ import annotations

import json

import pytest

from rankfile.tally import Profile, Result, TieBreak, meek_prf, meek_stv, read_profile
from rankfile.tally.cli import main
from rankfile.tally.ties import read_tie_order
from tests.tally.droop import disagreements
from tests.tally.helpers import fixture

CASES = ["42t", "513", "SC", "SC-Vm-12"]


def case(name: str) -> tuple[Profile, list[str]]:
    folder = fixture("droop_meek_prf")
    return read_profile(folder / f"{name}.blt"), read_tie_order(folder / f"{name}.tie-order")


def defeat_ties(result: Result) -> list[TieBreak]:
    return [t for t in result.tie_breaks if t.purpose == "defeat"]


@pytest.mark.parametrize("name", CASES)
def test_it_reproduces_the_reference_count_round_by_round(name: str):
    profile, order = case(name)

    result = meek_prf(profile, ties="order", tie_order=order)

    assert disagreements(result, fixture("droop_meek_prf", f"{name}.droop.txt")) == []
    assert result.method == "meek-prf"


def test_it_ties_everyone_within_the_surplus_of_the_lowest():
    profile, order = case("SC-Vm-12")

    result = meek_prf(profile, ties="order", tie_order=order)

    defeat = result.rounds[1]
    assert defeat.extra["surplus"] == "0.000000250"
    assert [d.candidate for d in defeat.excluded] == ["X"]  # X has the most of the three
    assert [(t.round, t.tied, t.rule) for t in defeat_ties(result)] == [
        (2, ("X", "Y", "Z"), "order")
    ]
    assert "within the surplus" in defeat.excluded[0].reason
    assert sorted(result.winners) == ["A", "B", "Y"]


def test_plain_meek_ties_only_equal_votes_and_elects_someone_else():
    profile, order = case("SC-Vm-12")

    result = meek_stv(profile, ties="order", tie_order=order)

    assert [d.candidate for d in result.rounds[1].excluded] == ["Z"]
    assert defeat_ties(result) == []
    assert sorted(result.winners) == ["A", "B", "X"]


def test_procedure_t_follows_the_order_it_is_given():
    profile, _ = case("SC-Vm-12")

    # Z listed last: the tie among X, Y and Z now defeats Z.
    result = meek_prf(profile, ties="order", tie_order=["A", "B", "X", "Y", "Z"])

    assert [d.candidate for d in result.rounds[1].excluded] == ["Z"]
    assert [t.tied for t in defeat_ties(result)] == [("X", "Y", "Z")]


def test_it_agrees_with_today_s_meek_when_no_tie_is_involved():
    profile, _ = case("513")

    reference, plain = meek_prf(profile), meek_stv(profile)

    assert reference.to_dict()["rounds"] == plain.to_dict()["rounds"]
    assert reference.winners == plain.winners == ["Castor", "Helen"]


def test_the_command_counts_by_the_reference_rule_and_its_tie_order(capsys):
    folder = fixture("droop_meek_prf")
    argv = ["tally", str(folder / "SC-Vm-12.blt"), "--method", "meek-prf", "--json"]

    assert main([*argv, "--tie-order", str(folder / "SC-Vm-12.tie-order")]) == 0

    result = json.loads(capsys.readouterr().out)
    assert result["method"] == "meek-prf"
    assert sorted(result["winners"]) == ["A", "B", "Y"]
    assert result["rounds"][1]["surplus"] == "0.000000250"
    assert result["rules"]["defeat_tie"] == "hopefuls within the total surplus of the lowest"
