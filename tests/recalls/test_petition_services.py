"""Recall by petition: members sign until the bylaws' share, and the recall vote opens by
itself; signatures can be withdrawn; refusals say why and change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from rankfile.audit.models import AuditEvent
from rankfile.committees.models import DelegateSeat
from rankfile.core.errors import RuleViolation
from rankfile.recalls import services
from rankfile.recalls.models import RecallPetition, RecallSignature
from rankfile.recalls.tick import recalls_tick
from rankfile.votes.models import Elector, Poll
from tests.factories import make_member, make_person, set_bylaws
from tests.recalls.helpers import open_petition, seat_of, sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def eight(committee, chair, member, delegate):
    """Eight active members: chair, member, delegate and five more. 25 % => 2 signatures."""
    return [make_member(committee).person for _ in range(5)]


def test_it_opens_the_recall_vote_by_itself_at_the_share(
    committee, member, delegate, eight, django_capture_on_commit_callbacks
):
    set_bylaws(committee, recall_petition_percent=30)  # 30 % of 8 => 3 signatures
    petition = open_petition(committee, member, delegate)
    sign(petition, eight[0])
    assert Poll.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        petition = sign(petition, eight[1])
    assert petition.status == "succeeded" and petition.signature_count == 3
    poll = Poll.objects.get()
    assert petition.poll == poll
    assert (poll.kind, poll.status, poll.is_secret, poll.meeting_id) == (
        "recall",
        "open",
        True,
        None,
    )
    assert poll.recall_seat == seat_of(delegate)
    assert poll.closes_at >= timezone.now() + timedelta(hours=48)
    assert poll.turnout_floor_percent == 50
    assert Elector.objects.filter(poll=poll).count() == 8
    assert AuditEvent.objects.filter(verb="recall.petition_succeeded").count() == 1


def test_it_tells_the_members_who_chose_it_that_the_recall_vote_opens(
    committee, member, delegate, eight, django_capture_on_commit_callbacks
):
    make_member(committee, make_person("mailed", email="m@example.org"))
    petition = open_petition(committee, member, delegate)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sign(petition, eight[0], eight[1])
    assert [message.to for message in mail.outbox] == [["m@example.org"]]
    assert "Recall of delegate" in mail.outbox[0].subject


def test_opening_a_petition_tells_the_members_who_chose_recall_news(
    committee, member, delegate, eight, django_capture_on_commit_callbacks
):
    make_member(committee, make_person("wants", email="w@example.org"))
    make_member(
        committee,
        make_person("quiet", email="q@example.org", notifications_off=["recalls_terms"]),
    )
    with django_capture_on_commit_callbacks(execute=True):
        open_petition(committee, member, delegate)
    assert [message.to for message in mail.outbox] == [["w@example.org"]]
    assert "A petition to recall delegate" in mail.outbox[0].subject


def test_it_counts_signatures_and_never_names_the_signers_in_the_log(
    committee, member, delegate, eight
):
    petition = open_petition(committee, member, delegate)
    events = AuditEvent.objects.filter(verb__startswith="recall.")
    assert {e.verb for e in events} == {"recall.petition_opened", "recall.petition_signed"}
    assert all(e.actor is None for e in events)
    assert petition.signature_count == 1


def test_it_lets_a_signer_withdraw_until_the_share_is_reached(committee, member, delegate, eight):
    set_bylaws(committee, recall_petition_percent=50)  # 4 of 8
    petition = open_petition(committee, member, delegate)
    petition = sign(petition, eight[0])
    services.recall_signature_withdraw(petition=petition, by=eight[0])
    petition.refresh_from_db()
    assert petition.signature_count == 1 == RecallSignature.objects.count()
    assert AuditEvent.objects.filter(verb="recall.signature_withdrawn").count() == 1


def test_it_refuses_to_withdraw_a_signature_that_was_never_given(
    committee, member, delegate, eight
):
    petition = open_petition(committee, member, delegate)
    with pytest.raises(RuleViolation, match="You have not signed"):
        services.recall_signature_withdraw(petition=petition, by=eight[0])
    assert RecallPetition.objects.get().signature_count == 1


def test_it_refuses_to_withdraw_once_the_vote_is_called(committee, member, delegate, eight):
    petition = sign(open_petition(committee, member, delegate), eight[0])
    with pytest.raises(RuleViolation, match="already called the recall vote"):
        services.recall_signature_withdraw(petition=petition, by=eight[0])
    assert RecallPetition.objects.get().signature_count == 2


def test_it_refuses_a_second_signature_from_the_same_member(committee, member, delegate, eight):
    set_bylaws(committee, recall_petition_percent=50)
    petition = open_petition(committee, member, delegate)
    with pytest.raises(RuleViolation, match="already signed"):
        sign(petition, member)
    assert RecallPetition.objects.get().signature_count == 1


def test_it_refuses_a_second_petition_against_the_same_seat(committee, member, delegate, eight):
    set_bylaws(committee, recall_petition_percent=50)
    open_petition(committee, member, delegate)
    with pytest.raises(RuleViolation, match="already collecting"):
        open_petition(committee, eight[0], delegate)
    assert RecallPetition.objects.count() == 1


def test_it_refuses_a_petition_without_a_reason(committee, member, delegate):
    with pytest.raises(RuleViolation, match="Say why"):
        services.recall_petition_open(
            committee=committee, by=member, reason="  ", seat=seat_of(delegate)
        )
    assert RecallPetition.objects.count() == 0


def test_it_refuses_a_petition_against_a_seat_of_another_committee(committee, coordinating, member):
    other = DelegateSeat.objects.create(
        parent=coordinating, committee=coordinating, person=make_person("far")
    )
    with pytest.raises(RuleViolation, match="not held by a delegate of this committee"):
        services.recall_petition_open(committee=committee, by=member, reason="x", seat=other)
    assert RecallPetition.objects.count() == 0


def test_it_lapses_a_petition_after_the_bylaws_days(committee, member, delegate, eight):
    set_bylaws(committee, recall_petition_percent=50)
    petition = open_petition(committee, member, delegate)
    later = timezone.now() + timedelta(days=14, seconds=1)
    assert recalls_tick(now=later)["lapsed"] == 1
    assert recalls_tick(now=later)["lapsed"] == 0
    petition.refresh_from_db()
    assert petition.status == "lapsed"
    with pytest.raises(RuleViolation, match="lapsed"):
        sign(petition, eight[0])
    assert petition.signature_count == 1


def test_it_lets_only_the_holder_answer(committee, member, delegate, eight):
    petition = open_petition(committee, member, delegate)
    with pytest.raises(RuleViolation, match="Only the member whose recall"):
        services.recall_statement_give(petition=petition, by=member, statement="No")
    services.recall_statement_give(petition=petition, by=delegate, statement="I voted our mandate")
    petition.refresh_from_db()
    assert petition.statement == "I voted our mandate"
    assert AuditEvent.objects.get(verb="recall.statement_given").actor == delegate
