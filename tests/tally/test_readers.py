"""Each reader: what it accepts, and that bad input names the file and line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from rankfile.tally import Profile, TallyInputError, read_profile
from rankfile.tally.readers import (
    guess_format,
    read_abif,
    read_blt,
    read_csv,
    read_debian,
    read_irish,
    read_preflib,
)


def rankings(profile: Profile) -> dict[tuple[tuple[str, ...], ...], Decimal]:
    names = profile.candidates
    return {
        tuple(tuple(names[c] for c in group) for group in ballot.ranking): ballot.weight
        for ballot in profile.ballots()
    }


def assert_error(exc: pytest.ExceptionInfo[TallyInputError], source: str, line: int) -> None:
    assert exc.value.source == source
    assert exc.value.line == line
    assert f"{source}, line {line}:" in str(exc.value)


# ------------------------------------------------------------------ BLT

BLT = """3 2
-3
2 1 2 0
1.5 2=1 3 0
1 2 - 3 0
1 3 0
0
"Ann Smith"
"Bo"
Cy
"Title here"
"""


def test_it_reads_blt_with_withdrawn_candidates_ties_decimal_weights_and_skips():
    profile = read_blt(BLT, "x.blt")

    assert profile.candidates == ("Ann Smith", "Bo", "Cy")
    assert profile.seats == 2
    assert profile.title == "Title here"
    assert profile.withdrawn == frozenset({2})
    assert rankings(profile) == {
        (("Ann Smith",), ("Bo",)): Decimal(2),
        (("Ann Smith", "Bo"),): Decimal("1.5"),
        (("Bo",),): Decimal(1),
    }
    assert profile.blank_weight == 1  # "1 3 0" ranked only the withdrawn candidate


def test_it_reads_several_quoted_names_on_one_blt_line():
    profile = read_blt('2 1\n1 1 2 0\n0\n"A" "B"\n"T"\n', "x.blt")
    assert profile.candidates == ("A", "B")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("2 1\n1 1 3 0\n0\nA\nB\n", 2, "unknown candidate 3"),
        ("2 1\n1 1 x 0\n0\nA\nB\n", 2, "expected a candidate number"),
        ("2 1\n1 1 2\n0\nA\nB\n", 2, "must be '<weight> <candidates...> 0'"),
        ("2 1\n-1 1 2 0\n0\nA\nB\n", 2, "bad withdrawn"),
        ("2 1\n1 1 2 0\n", 2, "truncated"),
        ("2 1\n1 1 2 0\n0\nA\n", 4, "expected 2 candidate names"),
        ("two 1\n", 1, "first line"),
        ("2 1\n1 1 2 0\n0\nA\nB\nT\nextra\n", 7, "unexpected text"),
    ],
)
def test_it_refuses_bad_blt_naming_the_line(text, line, words):
    with pytest.raises(TallyInputError, match=words) as exc:
        read_blt(text, "bad.blt")
    assert_error(exc, "bad.blt", line)


def test_it_refuses_a_blt_file_that_is_not_utf8(tmp_path: Path):
    path = tmp_path / "latin.blt"
    path.write_bytes(b"2 1\n1 1 2 0\n0\nRapha\xebl\nB\n")

    with pytest.raises(TallyInputError, match="not UTF-8") as exc:
        read_profile(path)
    assert_error(exc, str(path), 4)


# ------------------------------------------------------------------ ABIF

ABIF = """{title: "Test"}
{seats: 2}
# comment
=A:[Alice Adams]
=B:[Bob]
=C:[Cat]
10:A>B   # trailing comment
3: B=C > A
2:[Alice Adams]>C
1:C/5,A/3,B/3
0:A
"""


def test_it_reads_abif_with_ties_full_names_ratings_and_metadata():
    profile = read_abif(ABIF, "x.abif")

    assert profile.candidates == ("Alice Adams", "Bob", "Cat")
    assert profile.title == "Test"
    assert profile.seats == 2
    assert rankings(profile) == {
        (("Alice Adams",), ("Bob",)): Decimal(10),
        (("Bob", "Cat"), ("Alice Adams",)): Decimal(3),
        (("Alice Adams",), ("Cat",)): Decimal(2),
        (("Cat",), ("Alice Adams", "Bob")): Decimal(1),
    }


def test_it_defines_abif_candidates_by_use_when_the_file_has_no_definitions():
    profile = read_abif("3:X>Y\n1:Y\n", "x.abif")
    assert profile.candidates == ("X", "Y")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("=A:[A]\n=B:[B]\n2:A>Z\n", 3, "unknown candidate 'Z'"),
        ("=A:[A]\n2 A>B\n", 2, "expected '<count>:<ranking>'"),
        ("=A:[A]\n=A:[Again]\n", 2, "defined twice"),
        ('{title "x"}\n', 1, "bad metadata"),
        ("=A:[A]\n2:A>>A\n", 2, "empty candidate"),
    ],
)
def test_it_refuses_bad_abif_naming_the_line(text, line, words):
    with pytest.raises(TallyInputError, match=words) as exc:
        read_abif(text, "bad.abif")
    assert_error(exc, "bad.abif", line)


# ------------------------------------------------------------------ Debian

DEBIAN = (
    "   Option 1--->: Ann\n   /  Option 2-->: Rapha\xebl\n   |/  Option 3->: None Of The Above\n"
    "V: 12-\t\tabc\nV: 11-\t\tdef\nV: -1A\t\tff\n"
).encode("latin-1")


def test_it_reads_a_latin1_debian_sheet_with_ties_unranked_and_letter_ranks():
    profile = read_debian(DEBIAN, "tally.txt")

    assert profile.candidates == ("Ann", "Raphaël", "None Of The Above")
    assert profile.metadata["default_option"] == "None Of The Above"
    assert profile.method == "schulze"
    assert rankings(profile) == {
        (("Ann",), ("Raphaël",)): Decimal(1),
        (("Ann", "Raphaël"),): Decimal(1),
        (("Raphaël",), ("None Of The Above",)): Decimal(1),
    }


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (b"Option 1->: A\nOption 2->: B\nV: 1\n", 3, "1 marks for 2 options"),
        (b"Option 1->: A\nOption 2->: B\nV: 1?\n", 3, "bad rank mark"),
        (b"V: 12\n", 1, "vote before any"),
        (b"Option 1->: A\nOption 3->: B\n", 2, "expected option 2"),
    ],
)
def test_it_refuses_bad_debian_sheets_naming_the_line(text, line, words):
    with pytest.raises(TallyInputError, match=words) as exc:
        read_debian(text, "bad.txt")
    assert_error(exc, "bad.txt", line)


# ------------------------------------------------------------------ PrefLib

TOI = """# FILE NAME: 00001-00000001.toi
# TITLE: Small
# DATA TYPE: toi
# NUMBER ALTERNATIVES: 3
# ALTERNATIVE NAME 1: Ann
# ALTERNATIVE NAME 2: Bo
# ALTERNATIVE NAME 3: Cy
# NUMBER VOTERS: 6
# NUMBER UNIQUE ORDERS: 2
4: 1,{2,3}
2: 3
"""

OLD_SOI = """3
1,Ann
2,Bo
3,Cy
5,5,2
3,1,2
2,3
"""


def test_it_reads_current_and_old_preflib_files():
    profile = read_preflib(TOI, "x.toi")
    assert profile.candidates == ("Ann", "Bo", "Cy")
    assert profile.title == "Small"
    assert rankings(profile) == {(("Ann",), ("Bo", "Cy")): 4, (("Cy",),): 2}

    old = read_preflib(OLD_SOI, "x.soi")
    assert rankings(old) == {(("Ann",), ("Bo",)): 3, (("Cy",),): 2}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (TOI.replace("2: 3", "2: 4"), 11, "unknown alternative '4'"),
        (TOI.replace("2: 3", "2 3"), 11, "expected '<count>: <order>'"),
        (TOI.replace("4: 1,{2,3}", "4: 1,{2,3"), 10, "bad order"),
        (OLD_SOI.replace("2,Bo", "3,Bo"), 3, "expected '2,<name>'"),
    ],
)
def test_it_refuses_bad_preflib_lines(text, line, words):
    with pytest.raises(TallyInputError, match=words) as exc:
        read_preflib(text, "bad.toi")
    assert_error(exc, "bad.toi", line)


def test_it_refuses_a_cut_off_preflib_file():
    with pytest.raises(TallyInputError, match="header says 6 voters"):
        read_preflib(TOI.replace("2: 3\n", ""), "cut.toi")


# ------------------------------------------------------------------ CSV


def test_it_reads_a_csv_rank_grid_with_weights_ties_and_gaps():
    text = "Ann,Bo,Cy,weight\n1,2,,2\n1,1,3,1.5\n,,5,1\n"
    profile = read_csv(text, "x.csv")

    assert profile.candidates == ("Ann", "Bo", "Cy")
    assert profile.metadata["csv_shape"] == "grid"
    assert rankings(profile) == {
        (("Ann",), ("Bo",)): Decimal(2),
        (("Ann", "Bo"), ("Cy",)): Decimal("1.5"),
        (("Cy",),): Decimal(1),
    }


def test_it_reads_csv_preference_lists_with_and_without_a_header():
    with_header = read_csv("Choice 1,Choice 2,Choice 3\nBo,Ann\nCy,,Ann=Bo\n", "x.csv")
    without = read_csv("Bo,Ann\nCy,,Ann=Bo\n", "y.csv")

    for profile in (with_header, without):
        assert profile.metadata["csv_shape"] == "lists"
        assert profile.candidates == ("Ann", "Bo", "Cy")
        assert rankings(profile) == {
            (("Bo",), ("Ann",)): Decimal(1),
            (("Cy",), ("Ann", "Bo")): Decimal(1),
        }


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Ann,Bo\n1,2\n1,x\n", 3, "must be a whole number"),
        ("Ann,Bo\n1,2\n1,2,3\n", 3, "row has 3 cells"),
        ("Ann,Bo,weight\n1,2,-1\n", 2, "bad weight"),
        ("1,2\nAnn,=Bo\n", 2, "empty name"),
    ],
)
def test_it_refuses_bad_csv_rows_naming_the_line(text, line, words):
    with pytest.raises(TallyInputError, match=words) as exc:
        read_csv(text, "bad.csv")
    assert_error(exc, "bad.csv", line)


# ------------------------------------------------------------------ Irish e-voting


def test_it_reads_irish_ballots_ignoring_padding():
    text = '"Leni" "Higg" "XXXXX"\r\n"Higg" "XXXXX" "XXXXX"\r\n"Burt" "XXXXX" "Leni"\r\n'
    profile = read_irish(text, "dw.txt")

    assert profile.candidates == ("Burt", "Higg", "Leni")
    assert rankings(profile) == {
        (("Leni",), ("Higg",)): 1,
        (("Higg",),): 1,
        (("Burt",), ("Leni",)): 1,
    }
    named = read_irish(
        text,
        "dw.txt",
        names={"Leni": "Brian Lenihan", "Higg": "Joe Higgins", "Burt": "Joan Burton"},
    )
    assert named.candidates == ("Joan Burton", "Joe Higgins", "Brian Lenihan")


def test_it_refuses_a_bad_irish_line():
    with pytest.raises(TallyInputError, match="quoted candidate codes") as exc:
        read_irish('"Leni" "Higg"\nLeni Higg\n', "dw.txt")
    assert_error(exc, "dw.txt", 2)


# ------------------------------------------------------------------ guessing, arrays


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.blt", b"", "blt"),
        ("a.toc", b"", "preflib"),
        ("a.txt", b"3 1\n1 1 0\n", "blt"),
        ("a.txt", b"   Option 1--->: A\nV: 1\n", "debian"),
        ("a.txt", b'"Leni" "XXXXX"\n', "irish"),
        ("a.dat", b"# FILE NAME: x\n", "preflib"),
        ("a.dat", b"=A:[A]\n1:A\n", "abif"),
        ("board", b'{"format": "rankfile-board/1"}', "board"),
    ],
)
def test_it_guesses_the_format(name, head, expected):
    assert guess_format(name, head) == expected


def test_it_asks_for_a_format_it_cannot_guess():
    with pytest.raises(TallyInputError, match="--format"):
        guess_format("a.dat", b"hello\n")


def test_it_aggregates_an_in_memory_array_like_the_general_path():
    array = np.array([[0, 1, -1], [0, 1, -1], [2, -1, 1], [1, 1, 0], [-1, 0, 0]])
    fast = Profile.from_array(["A", "B", "C"], array)
    slow = Profile.from_ballots(
        ["A", "B", "C"], [([0, 1], 1), ([0, 1], 1), ([2], 1), ([1, 1, 0], 1), ([], 1)]
    )

    assert (
        rankings(fast)
        == rankings(slow)
        == {
            (("A",), ("B",)): 2,
            (("C",),): 1,
            (("B",), ("A",)): 1,
        }
    )
    assert fast.blank_weight == slow.blank_weight == 1
