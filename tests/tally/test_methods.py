"""Each method on small hand-counted profiles, weighted ballots, and tie-breaking."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

import pytest

from rankfile.tally import (
    TallyInputError,
    approval,
    count,
    irv,
    meek_stv,
    plurality,
    schulze,
    scottish_stv,
    yesno,
)
from tests.tally.helpers import make_profile


def totals_text(result, record) -> dict[str, str]:
    return {name: result.text(v) for name, v in record.totals.items()}


# ------------------------------------------------------------------ weighted ballots


def test_it_counts_decimal_delegate_weights_exactly_in_scottish_stv():
    # Hand count: total 6, quota floor(6/3)+1 = 3. A has 4, surplus 1, value 1 -> 0.25:
    # A>B papers (2.5) give B 0.625, A-only papers (1.5) exhaust 0.375. C (1.25) is then
    # lowest, excluded, exhausts; B is the last continuing candidate for the last seat.
    profile = make_profile([("AB", "2.5"), ("A", "1.5"), ("C", "1.25"), ("B", "0.75")])
    result = scottish_stv(profile, 2)

    assert result.winners == ["A", "B"]
    assert result.decimals == 7
    assert result.text(result.quota) == "3.0000000"
    surplus = result.rounds[1]
    assert totals_text(result, surplus) == {"A": "3.0000000", "B": "1.3750000", "C": "1.2500000"}
    assert result.text(surplus.exhausted) == "0.3750000"
    assert surplus.transfer_value == "1.00000 -> 0.25000"
    assert result.text(result.rounds[2].exhausted) == "1.6250000"


def test_it_lets_weights_decide_an_irv_count():
    unweighted = make_profile([("A", 1), ("A", 1), ("BC", 1), ("C", 1), ("CB", 1)])
    weighted = make_profile([("A", 1), ("BC", "3.5"), ("C", 1), ("CB", 1)])

    assert irv(unweighted).winners == ["C"]
    result = irv(weighted)
    assert result.winners == ["B"]
    assert result.rounds[0].totals == {"A": 10, "B": 35, "C": 20}  # units of 0.1


def test_it_weights_plurality_approval_and_schulze():
    profile = make_profile([("AB", "2.5"), ("B", 1), ("CB", 1), ("C", "1.25")])

    assert plurality(profile).winners == ["A"]
    assert plurality(profile).rounds[0].totals == {"A": 250, "B": 100, "C": 225}
    assert approval(profile).winners == ["B"]
    assert approval(profile, 2).winners == ["B", "A"]
    # A beats B 2.5 : 2 and C 2.5 : 2.25; with every weight 1, B and C would beat A 2 : 1.
    assert schulze(profile).winners == ["A"]
    unweighted = make_profile([("AB", 1), ("B", 1), ("CB", 1), ("C", 1)])
    assert schulze(unweighted).winners != ["A"]


def test_it_weights_a_yes_no_vote():
    profile = make_profile([("Y", 2), ("N", "3.5"), ("A", 10)], candidates="YNA")
    renamed = profile.__class__(**{**profile.__dict__, "candidates": ("yes", "no", "abstain")})

    result = yesno(renamed)
    assert result.winners == ["no"]
    assert result.extra["passed"] is False
    assert result.rounds[0].totals == {"yes": 20, "no": 35, "abstain": 100}


def test_it_weights_meek_exactly_in_the_first_round():
    profile = make_profile([("AB", 3), ("B", "0.5"), ("C", 2), ("CA", 1)])
    halved = make_profile([("AB", "1.5"), ("B", "0.25"), ("C", 1), ("CA", "0.5")])

    full, half = meek_stv(profile, 2), meek_stv(halved, 2)
    assert full.winners == half.winners
    first_full = {n: full.value(v) for n, v in full.rounds[0].totals.items()}
    first_half = {n: half.value(v) for n, v in half.rounds[0].totals.items()}
    assert first_full == {n: 2 * v for n, v in first_half.items()}


# ------------------------------------------------------------------ single-round methods


def test_it_counts_a_plurality_overvote_for_nobody():
    profile = make_profile([("A", 3), ("B=C", 4), ("C", 2)])
    result = plurality(profile)

    assert result.winners == ["A"]
    assert result.rounds[0].exhausted == 4
    assert "overvoted" in result.rounds[0].notes[0]


def test_it_counts_approval_from_every_marked_candidate():
    profile = make_profile([("A=B", 2), ("C", 3), ("BC", 2)])
    result = approval(profile, 2)

    assert result.rounds[0].totals == {"A": 2, "B": 4, "C": 5}
    assert result.winners == ["C", "B"]


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "majority", "abstentions_count", "passed"),
    [
        (5, 4, 0, "simple", False, True),
        (5, 5, 0, "simple", False, False),
        (5, 4, 3, "simple", True, False),
        (10, 5, 0, "two-thirds", False, True),  # exactly two-thirds passes
        (9, 5, 0, "two-thirds", False, False),
        (10, 5, 1, "two-thirds", True, False),
        (0, 0, 7, "simple", False, False),
    ],
)
def test_it_applies_the_required_majority(yes, no, abstain, majority, abstentions_count, passed):
    ballots = [(t, w) for t, w in (("Y", yes), ("N", no), ("A", abstain)) if w]
    profile = make_profile(ballots, candidates="YNA")
    renamed = profile.__class__(**{**profile.__dict__, "candidates": ("Yes", "No", "Abstain")})

    result = yesno(renamed, majority=majority, abstentions_count=abstentions_count)
    assert result.extra["passed"] is passed
    assert result.winners == (["Yes"] if passed else ["No"])


def test_it_refuses_a_yes_no_count_of_candidates():
    with pytest.raises(TallyInputError, match="yes, no and abstain"):
        yesno(make_profile([("A", 1)]))


# ------------------------------------------------------------------ IRV and STV rules


def test_it_skips_a_tied_group_once_only_one_member_continues():
    # C goes first; then D's ballots reach "B=C" with only B continuing: they count for B.
    profile = make_profile([("A", 5), ("B", 4), ("C", 1), ("DB=C", 2)])
    result = irv(profile)

    assert [r.subject for r in result.rounds[1:]] == [("C",), ("D",)]
    assert result.rounds[2].totals == {"A": 5, "B": 6, "C": 0, "D": 0}
    assert result.winners == ["B"]


def test_it_exhausts_an_overvote_for_good():
    # D goes first while B and C both stand: D's "B=C" ballots exhaust and stay exhausted.
    profile = make_profile([("A", 5), ("B", 4), ("C", 3), ("DB=C", 2)])
    result = irv(profile)

    assert result.rounds[1].subject == ("D",)
    assert result.rounds[1].exhausted == 2
    assert result.rounds[2].subject == ("C",)
    assert result.rounds[2].totals["B"] == 4
    assert result.rounds[2].exhausted == 5


def test_it_elects_the_last_continuing_candidates_below_quota():
    profile = make_profile([("A", 5), ("B", 2), ("C", 1)])
    result = scottish_stv(profile, 2)

    assert result.winners == ["A", "B"]
    assert result.rounds[-1].elected[-1].reason == "continuing candidates fill the remaining seats"


def test_it_transfers_the_larger_surplus_first():
    profile = make_profile([("AC", 9), ("BD", 7), ("C", 1), ("D", 1), ("E", 2)])
    result = scottish_stv(profile, 3)

    assert [r.action for r in result.rounds[1:3]] == ["surplus of A", "surplus of B"]


def test_it_explains_the_json_result_with_the_required_keys():
    result = scottish_stv(make_profile([("AB", 3), ("B", 2), ("C", 2)]), 2)
    data = json.loads(result.to_json())

    assert {"method", "seats", "quota", "winners", "rounds"} <= set(data)
    assert data["quota"] == "3.00000"
    round_keys = set(data["rounds"][0])
    assert {
        "totals",
        "transfers",
        "exhausted",
        "lost_to_truncation",
        "quota",
        "elected",
        "excluded",
    } <= round_keys


def test_it_refuses_irv_for_several_seats():
    with pytest.raises(TallyInputError, match="one seat"):
        count(make_profile([("A", 1)]), "irv", seats=2)


# ------------------------------------------------------------------ tie-breaking


def test_it_breaks_an_exclusion_tie_by_the_earlier_count():
    # Round 2: B and C both have 7; at round 1 C had 6 < 7, so C goes.
    profile = make_profile([("A", 10), ("B", 7), ("C", 6), ("DC", 1)])
    result = irv(profile)

    assert result.rounds[2].subject == ("C",)
    (tie,) = result.tie_breaks
    assert (tie.rule, tie.chosen, tie.tied) == ("earlier count", "C", ("B", "C"))
    assert result.lot_seed is None


def test_it_draws_lots_reproducibly_from_the_recorded_seed():
    profile = make_profile([("A", 1), ("B", 1)])
    result = irv(profile)

    (tie,) = result.tie_breaks
    assert tie.rule == "lot"
    assert result.lot_seed == profile.digest()
    draw = int(hashlib.sha256(f"{result.lot_seed}:1".encode()).hexdigest(), 16) % 2
    assert tie.chosen == ["A", "B"][draw]
    assert result.winners == [["B", "A"][draw]]
    assert irv(profile).to_dict() == result.to_dict()


def test_it_lets_a_fixed_seed_decide_the_lot():
    profile = make_profile([("A", 1), ("B", 1), ("C", 1)])
    outcomes = {tuple(scottish_stv(profile, 1, seed=str(s)).winners) for s in range(30)}

    assert outcomes == {("A",), ("B",), ("C",)}
    assert scottish_stv(profile, 1, seed="7").lot_seed == "7"
    assert scottish_stv(profile, 1, seed="7").winners == scottish_stv(profile, 1, seed="7").winners


def test_it_breaks_a_schulze_tie_by_lot():
    profile = make_profile([("AB", 1), ("BA", 1)])
    result = schulze(profile, seed="x")

    assert result.tie_breaks[0].rule == "lot"
    assert result.winners == schulze(profile, seed="x").winners


def test_it_gives_meek_the_same_winners_as_wigm_on_a_clear_profile():
    profile = make_profile([("ABC", 40), ("BAC", 25), ("CBA", 20), ("DC", 15)])

    assert sorted(meek_stv(profile, 2).winners) == sorted(scottish_stv(profile, 2).winners)


def test_meek_reaches_the_quota_within_omega():
    profile = make_profile([("AB", 60), ("AC", 40), ("B", 30), ("C", 28), ("D", 20)])
    result = meek_stv(profile, 2)

    assert result.winners == ["A", "B"]
    defeat = result.rounds[1]
    assert defeat.action == "defeat"
    assert defeat.extra["keep_factors"]["A"] == "0.593333334"
    surplus = result.value(defeat.totals["A"]) - result.value(defeat.quota)
    assert Decimal(0) <= surplus < Decimal("0.000001")
    for record in result.rounds:
        assert sum(record.totals.values()) + record.exhausted == result.total
