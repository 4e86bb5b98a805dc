"""Races on PostgreSQL: signatures that cross the threshold at the same moment open one recall
vote."""

from __future__ import annotations

import pytest
from django.db import connection

from rankfile.core.errors import RuleViolation
from rankfile.recalls import services
from rankfile.recalls.models import RecallPetition
from rankfile.votes.models import Poll
from tests.concurrency import run_together
from tests.factories import make_members, set_bylaws
from tests.recalls.helpers import open_petition

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs separate connections to PostgreSQL"
    ),
]


def test_it_opens_exactly_one_recall_vote_when_the_last_signatures_arrive_together(
    committee, member, delegate
):
    # 10 active members (chair, member, delegate and 7); 30 % => 3 signatures. One has signed
    # (the opener), one more signs, then four sign at once: one of them crosses the share.
    set_bylaws(committee, recall_petition_percent=30)
    people = [m.person for m in make_members(committee, 7)]
    petition = open_petition(committee, member, delegate)
    services.recall_petition_sign(petition=petition, by=people[0])
    outcomes = run_together(
        [
            lambda person=person: services.recall_petition_sign(petition=petition, by=person)
            for person in people[1:5]
        ]
    )
    assert len([o for o in outcomes if o is None]) == 1
    assert all(isinstance(o, RuleViolation) for o in outcomes if o is not None)
    assert Poll.objects.filter(kind="recall").count() == 1
    petition = RecallPetition.objects.get()
    assert petition.status == "succeeded"
    assert petition.signature_count == 3 == petition.signatures.count()
