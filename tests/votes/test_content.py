"""The ballot intake reads a submitted ballot without building a `BallotForm`
(`intake.checks.ballot_read`, with `ballot_content_submitted`); for any POST data, it must
accept exactly what the view accepts (the form, then the service's `ballot_content_check`),
with the same content."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from hypothesis import given, settings
from hypothesis import strategies as st

from rankfile.core.errors import RuleViolation
from rankfile.votes.content import ballot_content_check, option_ids
from rankfile.votes.forms import BallotForm
from rankfile.votes.intake.checks import ballot_read
from rankfile.votes.models import Poll, PollMethod, PollOption

YESNO = ["yes", "no", "abstain"]


def _poll(method: str, count: int) -> tuple[Poll, list[PollOption]]:
    poll = Poll(id=1, method=method, kind="election", title="t")
    labels = YESNO if method == PollMethod.YESNO else [f"Candidate {n}" for n in range(count)]
    return poll, [
        PollOption(poll_id=1, label=label, position=n + 1) for n, label in enumerate(labels)
    ]


def _view_accepts(poll: Poll, options: list[PollOption], data: QueryDict) -> Any:
    form = BallotForm(data, poll=poll, options=options)
    if not form.is_valid():
        return None
    try:
        return ballot_content_check(
            method=poll.method,
            option_ids=option_ids(method=poll.method, options=options),
            content=form.cleaned_data["content"],
        )
    except RuleViolation:
        return None


def _intake_accepts(poll: Poll, options: list[PollOption], data: QueryDict) -> Any:
    pairs = [(option.label, option.position) for option in options]
    return ballot_read(method=poll.method, options=pairs, data=data)


@st.composite
def submissions(draw: st.DrawFn) -> tuple[str, int, QueryDict]:
    method = draw(st.sampled_from(list(PollMethod)))
    count = 3 if method == PollMethod.YESNO else draw(st.integers(1, 5))
    ids = YESNO if method == PollMethod.YESNO else [f"o{n}" for n in range(1, count + 1)]
    value = st.one_of(st.sampled_from(ids), st.sampled_from(["", "o0", "o99", "maybe", "YES"]))
    names = ["choice", "approved", *(f"rank_{n}" for n in range(1, count + 2)), "other"]
    data = QueryDict(mutable=True)
    for name in draw(st.lists(st.sampled_from(names), max_size=8, unique=True)):
        data.setlist(name, draw(st.lists(value, min_size=1, max_size=3)))
    return method, count, data


@settings(max_examples=400, deadline=None)
@given(submissions())
def test_the_intake_reads_a_ballot_exactly_as_the_view_does(submission):
    method, count, data = submission
    poll, options = _poll(method, count)
    assert _intake_accepts(poll, options, data) == _view_accepts(poll, options, data)


def test_both_accept_a_ranking_with_gaps_closed_up():
    poll, options = _poll(PollMethod.STV, 3)
    data = QueryDict("rank_1=o2&rank_3=o1")
    assert (
        _intake_accepts(poll, options, data) == ["o2", "o1"] == _view_accepts(poll, options, data)
    )


def test_both_refuse_an_option_ranked_twice_and_an_empty_approval():
    poll, options = _poll(PollMethod.IRV, 3)
    twice = QueryDict("rank_1=o2&rank_2=o2")
    assert _intake_accepts(poll, options, twice) is None
    assert _view_accepts(poll, options, twice) is None
    poll, options = _poll(PollMethod.APPROVAL, 3)
    assert _intake_accepts(poll, options, QueryDict("")) is None
    assert _view_accepts(poll, options, QueryDict("")) is None
