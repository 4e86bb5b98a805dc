"""Properties every count must have, on random profiles (hypothesis), and agreement with
pref-voting's independent implementations of IRV and Schulze."""

from __future__ import annotations

import random
from decimal import Decimal

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pref_voting.iterative_methods import instant_runoff_put
from pref_voting.margin_based_methods import beat_path
from pref_voting.profiles import Profile as PrefVotingProfile

from rankfile.tally import Profile, count, irv, meek_prf, meek_stv, schulze, scottish_stv

Ballots = list[tuple[list[list[int]], Decimal]]
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def ballot_sets(
    draw: st.DrawFn,
    *,
    min_candidates: int = 2,
    max_candidates: int = 6,
    ties: bool = True,
    complete: bool = False,
    decimal_weights: bool = False,
) -> tuple[int, Ballots]:
    n = draw(st.integers(min_candidates, max_candidates))
    ballots: Ballots = []
    for _ in range(draw(st.integers(1, 25))):
        order = draw(st.permutations(range(n)))
        length = n if complete else draw(st.integers(1, n))
        groups: list[list[int]] = []
        for candidate in order[:length]:
            if ties and groups and draw(st.integers(0, 4)) == 0:
                groups[-1].append(candidate)
            else:
                groups.append([candidate])
        if decimal_weights:
            weight = Decimal(draw(st.integers(1, 400))) / 100
        else:
            weight = Decimal(draw(st.integers(1, 6)))
        ballots.append((groups, weight))
    return n, ballots


def names(n: int) -> list[str]:
    return [chr(ord("A") + i) for i in range(n)]


def make(n: int, ballots: Ballots) -> Profile:
    return Profile.from_ballots(names(n), ballots)


@SETTINGS
@given(ballot_sets(decimal_weights=True), st.integers(1, 5))
def test_stv_accounts_for_every_vote_at_every_count(data, seats):
    n, ballots = data
    profile = make(n, ballots)
    result = scottish_stv(profile, min(seats, n))

    for record in result.rounds:
        credited = sum(record.totals.values())
        assert credited + record.exhausted + record.lost_to_truncation == result.total
        assert record.exhausted >= 0
        assert record.lost_to_truncation >= 0
    assert len(result.winners) == len(set(result.winners)) == min(seats, n)


@SETTINGS
@given(ballot_sets(max_candidates=5), st.integers(1, 3))
def test_meek_accounts_for_every_vote_in_every_round(data, seats):
    n, ballots = data
    profile = make(n, ballots)

    for result in (meek_stv(profile, min(seats, n)), meek_prf(profile, min(seats, n))):
        for record in result.rounds:
            assert sum(record.totals.values()) + record.exhausted == result.total
        assert len(set(result.winners)) == min(seats, n)


@SETTINGS
@given(ballot_sets(), st.data())
def test_a_majority_of_first_preferences_wins_irv(data, extra):
    n, ballots = data
    winner = extra.draw(st.integers(0, n - 1))
    others = sum(weight for _, weight in ballots)
    ballots = [*ballots, ([[winner]], others + 1)]  # more than half of all first preferences

    assert irv(make(n, ballots)).winners == [names(n)[winner]]


def condorcet_winner(n: int, ballots: Ballots) -> int | None:
    """Straight from the definition; unranked candidates rank below all ranked ones."""
    wins = [[Decimal(0)] * n for _ in range(n)]
    for groups, weight in ballots:
        rank = {c: i for i, group in enumerate(groups) for c in group}
        for a in range(n):
            for b in range(n):
                if rank.get(a, n) < rank.get(b, n):
                    wins[a][b] += weight
    for a in range(n):
        if all(wins[a][b] > wins[b][a] for b in range(n) if b != a):
            return a
    return None


@SETTINGS
@given(ballot_sets(max_candidates=5))
def test_a_condorcet_winner_wins_schulze(data):
    n, ballots = data
    winner = condorcet_winner(n, ballots)
    assume(winner is not None)

    assert schulze(make(n, ballots)).winners == [names(n)[winner]]


@SETTINGS
@given(ballot_sets(), st.integers(1, 3), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_ballot_order(data, seats, shuffler):
    n, ballots = data
    shuffled = list(ballots)
    shuffler.shuffle(shuffled)
    first, second = make(n, ballots), make(n, shuffled)

    assert first.digest() == second.digest()
    for method in ("plurality", "approval", "irv", "stv", "meek", "schulze"):
        chosen = 1 if method == "irv" else min(seats, n)
        assert (
            count(first, method, seats=chosen).to_dict()
            == count(second, method, seats=chosen).to_dict()
        )


@SETTINGS
@given(ballot_sets(ties=False))
def test_the_array_fast_path_counts_like_the_general_path(data):
    n, ballots = data
    rows, weights = [], []
    for groups, weight in ballots:
        rows.append([g[0] for g in groups] + [-1] * (n - len(groups)))
        weights.append(int(weight))
    fast = Profile.from_array(names(n), np.array(rows), np.array(weights))
    general = make(n, ballots)

    assert fast.digest() == general.digest()
    assert scottish_stv(fast, 2).to_dict() == scottish_stv(general, 2).to_dict()


@SETTINGS
@given(ballot_sets(ties=False, complete=True))
def test_single_seat_stv_elects_the_irv_winner_on_complete_rankings(data):
    n, ballots = data
    profile = make(n, ballots)

    assert scottish_stv(profile, 1).winners == irv(profile).winners


def pref_voting_profile(n: int, ballots: Ballots) -> PrefVotingProfile:
    return PrefVotingProfile(
        [[g[0] for g in groups] for groups, _ in ballots],
        rcounts=[int(weight) for _, weight in ballots],
    )


@SETTINGS
@given(ballot_sets(min_candidates=3, max_candidates=6, ties=False, complete=True))
def test_our_irv_agrees_with_pref_voting(data):
    n, ballots = data
    theirs = instant_runoff_put(pref_voting_profile(n, ballots))  # every tie-break universe
    (ours,) = irv(make(n, ballots)).winners

    assert names(n).index(ours) in theirs
    if len(theirs) == 1:
        assert [ours] == [names(n)[theirs[0]]]


@SETTINGS
@given(ballot_sets(min_candidates=3, max_candidates=6, ties=False, complete=True))
def test_our_schulze_agrees_with_pref_voting(data):
    n, ballots = data
    theirs = beat_path(pref_voting_profile(n, ballots))
    (ours,) = schulze(make(n, ballots)).winners

    assert names(n).index(ours) in theirs
    if len(theirs) == 1:
        assert [ours] == [names(n)[theirs[0]]]


def test_pref_voting_agreement_is_not_vacuous():
    """The random profiles above do produce contested counts (several IRV rounds)."""
    rng = random.Random(4)
    rounds = []
    for _ in range(50):
        ballots: Ballots = [
            ([[c] for c in rng.sample(range(5), 5)], Decimal(rng.randint(1, 4))) for _ in range(12)
        ]
        rounds.append(len(irv(make(5, ballots)).rounds))
    assert max(rounds) >= 3
