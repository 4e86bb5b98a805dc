"""Shares of a whole: "20 % of the members", rounded up, in integers."""

from __future__ import annotations

import math
from fractions import Fraction

from rankfile.committees.bylaws import Bylaws
from rankfile.core.shares import share_needed
from rankfile.meetings.lifecycle import petition_needed
from rankfile.meetings.quorum import quorum_needed
from tests.factories import make_committee


def exact_ceil(total: int, percent: int) -> int:
    return math.ceil(Fraction(percent * total, 100))


def test_it_rounds_every_share_up_exactly():
    for total in range(2001):
        for percent in range(101):
            assert share_needed(total, percent) == exact_ceil(total, percent), (total, percent)


def test_it_stays_exact_for_a_federation_of_millions():
    for total in (999_999, 1_000_001, 12_345_679, 2**53 + 1):
        for percent in (1, 7, 33, 50, 99, 100):
            assert share_needed(total, percent) == exact_ceil(total, percent), (total, percent)


def test_it_gives_the_numbers_the_quorum_was_computed_with_in_floats():
    for members in range(2001):
        for percent in range(101):
            assert share_needed(members, percent) == math.ceil(percent * members / 100)


def test_it_keeps_the_quorum_numbers_members_see():
    default = Bylaws()  # 25 % of the active members, at least 3
    strict = Bylaws(quorum_percent=51, quorum_minimum=0)
    by_default = {n: quorum_needed(members=n, bylaws=default) for n in (0, 11, 12, 13, 650)}
    by_strict = {n: quorum_needed(members=n, bylaws=strict) for n in (0, 1, 2, 100, 101)}
    assert by_default == {0: 3, 11: 3, 12: 3, 13: 4, 650: 163}
    assert by_strict == {0: 0, 1: 1, 2: 2, 100: 51, 101: 52}


def test_it_asks_at_least_one_signature_for_an_emergency_meeting(db):
    committee = make_committee()  # 20 % of the active members
    counts = {}
    for members in (0, 1, 5, 6, 11, 650):
        committee.active_member_count = members
        counts[members] = petition_needed(committee=committee)
    assert counts == {0: 1, 1: 1, 5: 1, 6: 2, 11: 3, 650: 130}
