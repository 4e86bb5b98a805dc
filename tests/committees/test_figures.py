"""k-anonymous figures: outside a committee, a count below k reads "fewer than k"."""

from __future__ import annotations

import pytest

from rankfile.committees.figures import shown_count
from rankfile.committees.templatetags.committees_tags import k_anonymous


@pytest.mark.parametrize("value", [1, 2, 4])
def test_it_hides_a_count_below_k(value):
    shown = shown_count(value, 5)
    assert shown.is_hidden
    assert shown.value is None
    assert str(shown) == "fewer than 5"
    assert shown.as_json() == "<5"


@pytest.mark.parametrize(("value", "text"), [(5, "5"), (6, "6"), (12345, "12,345")])
def test_it_shows_a_count_of_k_or_more(value, text):
    shown = shown_count(value, 5)
    assert not shown.is_hidden
    assert (shown.value, str(shown), shown.as_json()) == (value, text, value)


def test_it_shows_zero_because_it_identifies_nobody():
    assert str(shown_count(0, 5)) == "0"


def test_it_uses_the_k_it_is_given():
    assert str(shown_count(9, 10)) == "fewer than 10"
    assert str(shown_count(9, 2)) == "9"


def test_it_offers_the_same_rule_to_templates():
    assert k_anonymous(3, 5) == "fewer than 5"
    assert k_anonymous(7, "5") == "7"
