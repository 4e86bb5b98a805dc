"""Real elections with published official results (fixtures/<name>/README.txt says where from)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from rankfile.tally import Profile, count, irv, read_profile, schulze, scottish_stv
from rankfile.tally.methods.schulze import pairwise_matrix
from tests.tally.helpers import fixture

EDINBURGH = "scotland_edinburgh_2017_ward1"
BURLINGTON = "burlington_2009_mayor"
DEBIAN = "debian_dpl_2007"
DUBLIN = "ireland_2002_dublin_west"


@pytest.fixture(scope="module")
def edinburgh() -> Profile:
    return read_profile(fixture(EDINBURGH, "ballots.blt"))


@pytest.fixture(scope="module")
def official() -> dict:
    return json.loads(fixture(EDINBURGH, "official_result.json").read_text())


@pytest.fixture(scope="module")
def burlington() -> Profile:
    return read_profile(fixture(BURLINGTON, "burl2009.abif"))


@pytest.fixture(scope="module")
def debian() -> Profile:
    return read_profile(fixture(DEBIAN, "tally.txt"))


# ------------------------------------------------------------------ Edinburgh 2017, Almond


def test_it_elects_the_almond_councillors_in_the_official_order(edinburgh, official):
    result = scottish_stv(edinburgh)

    assert result.seats == 4
    assert result.winners == [e["name"] for e in official["elected"]]
    assert result.value(result.quota) == official["quota"] == 2842
    assert result.value(result.total) == official["valid_poll"]


def test_it_reproduces_every_almond_count_to_five_decimals(edinburgh, official):
    result = scottish_stv(edinburgh)

    assert len(result.rounds) == len(official["stage_totals"]) == 10
    for stage, expected in enumerate(official["stage_totals"]):
        totals = result.rounds[stage].totals
        for index, value in expected.items():
            name = official["candidates"][index]
            assert result.text(totals[name]) == f"{value:.5f}", (stage + 1, name)


def test_it_excludes_the_almond_candidates_at_the_official_counts(edinburgh, official):
    result = scottish_stv(edinburgh)

    # The official numbering says "excluded at count k": chosen after count k, moved in k + 1.
    moved = {d.candidate: r.number for r in result.rounds for d in r.excluded}
    assert moved == {e["name"]: e["excluded_at_count"] + 1 for e in official["excluded"]}
    elected_at = {d.candidate: r.number for r in result.rounds for d in r.elected}
    assert elected_at == {e["name"]: e["elected_at_count"] for e in official["elected"]}


def test_it_accounts_for_every_almond_vote_at_every_count(edinburgh):
    result = scottish_stv(edinburgh)

    for record in result.rounds:
        credited = sum(record.totals.values())
        assert credited + record.exhausted + record.lost_to_truncation == result.total
    # Lang's surplus 3237 of 6079: value 1 -> floor(3237/6079 to 5 dp) = 0.53248.
    assert result.rounds[1].transfer_value == "1.00000 -> 0.53248"
    assert result.text(result.rounds[-1].exhausted) == "1936.67827"
    assert result.text(result.rounds[-1].lost_to_truncation) == "0.12089"


# ------------------------------------------------------------------ Burlington 2009


def _round_totals(result, record) -> dict[str, int]:
    short = {name: name.split()[1] if " " in name else name for name in result.candidates}
    return {short[name]: votes for name, votes in record.totals.items() if votes}


def test_it_elects_kiss_in_burlington_with_the_official_rounds(burlington):
    result = irv(burlington, batch_elimination=True)

    assert result.winners == ["Bob Kiss (Progressive)"]
    first, second, final = result.rounds
    assert _round_totals(result, first) == {
        "Wright": 2951,
        "Kiss": 2585,
        "Montroll": 2063,
        "Smith": 1306,
        "Write-in": 36,
        "Simpson": 35,
    }
    assert first.exhausted == 4
    assert _round_totals(result, second) == {"Wright": 3294, "Kiss": 2981, "Montroll": 2554}
    assert second.exhausted == 151
    assert {d.candidate for d in second.excluded} == {
        "James Simpson (Green)",
        "Dan Smith (Independent)",
        "Write-in",
    }
    assert _round_totals(result, final) == {"Kiss": 4313, "Wright": 4061}
    assert final.exhausted == 606


def test_it_keeps_burlington_overvotes_exhausted_when_eliminating_one_at_a_time(burlington):
    result = irv(burlington)

    assert result.winners == ["Bob Kiss (Progressive)"]
    assert len(result.rounds) == 5
    assert _round_totals(result, result.rounds[-1]) == {"Kiss": 4313, "Wright": 4061}
    assert result.rounds[-1].exhausted == 606


def test_it_finds_montroll_the_condorcet_and_schulze_winner_in_burlington(burlington):
    assert schulze(burlington).winners == ["Andy Montroll (Democrat)"]
    d = pairwise_matrix(burlington)
    kiss, montroll, _, smith, wright, _ = range(6)
    assert (d[montroll][kiss], d[kiss][montroll]) == (4067, 3477)
    assert (d[montroll][wright], d[wright][montroll]) == (4597, 3668)
    assert (d[montroll][smith], d[smith][montroll]) == (4573, 2998)
    assert (d[kiss][wright], d[wright][kiss]) == (4314, 4064)


# ------------------------------------------------------------------ Debian 2007

DEBIAN_MATRIX = [
    [0, 340, 247, 163, 163, 181, 219, 331, 337],
    [28, 0, 38, 31, 45, 37, 91, 94, 142],
    [130, 255, 0, 75, 129, 121, 170, 239, 268],
    [237, 329, 278, 0, 211, 227, 252, 330, 346],
    [224, 344, 271, 203, 0, 215, 264, 330, 342],
    [213, 342, 261, 177, 190, 0, 240, 326, 340],
    [202, 307, 243, 184, 131, 184, 0, 287, 298],
    [42, 159, 73, 43, 58, 56, 109, 0, 183],
    [109, 270, 160, 91, 103, 113, 156, 233, 0],
]


def test_it_reads_the_latin1_debian_sheet_and_reproduces_its_pairwise_matrix(debian):
    assert debian.total_weight == 482
    assert debian.candidates[5] == "Raphaël Hertzog"
    assert pairwise_matrix(debian) == DEBIAN_MATRIX


def test_it_elects_hocevar_with_and_without_the_debian_majority_requirement(debian):
    plain = schulze(debian)
    debian_rules = count(debian)  # the sheet names its default option: NOTA

    assert plain.winners == ["Sam Hocevar"]
    assert debian_rules.method == "schulze"
    assert debian_rules.winners == ["Sam Hocevar"]
    assert debian_rules.extra["dropped"] == ["Aigars Mahinovs", "Simon Richter"]


# ------------------------------------------------------------------ Dublin West 2002


def test_it_elects_lenihan_higgins_burton_in_dublin_west():
    profile = read_profile(fixture(DUBLIN, "DublinWest.txt"))
    result = scottish_stv(profile, 3)

    assert result.winners == ["Leni", "Higg", "Burt"]
    assert result.value(result.quota) == 7498
    assert result.value(result.total) == 29988
    first = {name: result.value(v) for name, v in result.rounds[0].totals.items()}
    assert first == {
        "Leni": 8086,
        "Higg": 6442,
        "Burt": 3810,
        "Terr": 3694,
        "McDo": 2404,
        "Morr": 2370,
        "Dohe": 2300,
        "Bonn": 748,
        "Smyt": 134,
    }
    assert result.rounds[0].elected[0].candidate == "Leni"
    assert sum(first.values()) == Decimal(29988)
