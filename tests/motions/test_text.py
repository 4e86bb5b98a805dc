"""Amendment texts: replace, insert and delete produce the right final text, highlighted."""

from __future__ import annotations

import pytest

from rankfile.motions.text import amended_text, amendment_text_refusal, highlighted

TEXT = "We demand higher wages and safe staffing."


@pytest.mark.parametrize(
    ("kind", "target", "new", "expected"),
    [
        ("replace", "higher wages", "a 20 % raise", "We demand a 20 % raise and safe staffing."),
        ("insert", "higher wages", "now", "We demand higher wages now and safe staffing."),
        ("insert", "", "No reprisals.", "We demand higher wages and safe staffing. No reprisals."),
        ("delete", "higher ", "", "We demand wages and safe staffing."),
        ("delete", "higher", "", "We demand wages and safe staffing."),
        ("delete", "and safe staffing", "", "We demand higher wages."),
    ],
)
def test_it_produces_the_amended_text(kind, target, new, expected):
    assert amendment_text_refusal(text=TEXT, kind=kind, target_text=target, new_text=new) is None
    assert amended_text(text=TEXT, kind=kind, target_text=target, new_text=new) == expected


def test_it_refuses_words_that_are_not_in_the_text():
    refusal = amendment_text_refusal(text=TEXT, kind="replace", target_text="lower", new_text="x")
    assert refusal == "The words “lower” are not in the motion's text."


def test_it_refuses_words_found_more_than_once():
    refusal = amendment_text_refusal(
        text="pay and pay", kind="delete", target_text="pay", new_text=""
    )
    assert refusal is not None and "appear 2 times" in refusal


def test_it_refuses_an_insertion_without_new_words():
    refusal = amendment_text_refusal(text=TEXT, kind="insert", target_text="", new_text="  ")
    assert refusal == "Give the new words."


def test_it_highlights_what_changed_word_by_word():
    final = amended_text(
        text=TEXT, kind="replace", target_text="higher wages", new_text="a 20 % raise"
    )
    segments = highlighted(TEXT, final)
    assert "".join(text for kind, text in segments if kind != "del") == final
    assert "".join(text for kind, text in segments if kind != "ins") == TEXT
    assert [(kind, text.strip()) for kind, text in segments] == [
        ("same", "We demand"),
        ("del", "higher wages"),
        ("ins", "a 20 % raise"),
        ("same", "and safe staffing."),
    ]
