"""The demo's votes load on top of the demo federation: a closed question with a board that
verifies, and an open election the personas can vote in."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from rankfile.accounts.models import Person
from rankfile.demo.scenario import demo_load
from rankfile.tally import board_verify
from rankfile.votes.models import Poll
from tests.factories import logged_in, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_polls():
    demo_load()  # loads the votes part too
    return Poll.objects.get(kind="question"), Poll.objects.get(kind="election")


def test_it_loads_a_closed_question_whose_board_verifies(demo_polls):
    question, _election = demo_polls
    assert question.status == "closed"
    board = json.loads(question.board.text)
    assert board["votes_cast"] == len(board["ballots"]) == 30
    verification = board_verify(board)
    assert verification.ok
    assert verification.result.to_dict() == question.result


def test_it_leaves_the_election_open_for_the_personas(client, demo_polls):
    _question, election = demo_polls
    assert election.status == "open" and election.closes_at is not None
    marisol = Person.objects.get(handle="marisol")
    text = page_text(logged_in(client, marisol).get(reverse("votes:detail", args=[election.pk])))
    assert "Cast my ballot" in text and "18 of" in text
