"""Elections: nominations, the count, and the winners taking their seats or roles."""

from __future__ import annotations

import pytest

from rankfile.audit.models import AuditEvent
from rankfile.committees.models import DelegateSeat, Role
from rankfile.committees.services import role_assign
from rankfile.core.errors import RuleViolation
from rankfile.tally import board_verify
from rankfile.votes import services
from rankfile.votes.models import Nomination, PollOption
from tests.factories import make_member, make_seat, set_bylaws
from tests.votes.helpers import (
    board_of,
    cast,
    close_poll,
    fresh,
    make_election,
    make_poll,
    make_voters,
    open_poll,
)

pytestmark = pytest.mark.django_db


def seated(parent, committee) -> set[str]:
    return set(
        DelegateSeat.objects.filter(
            parent=parent, committee=committee, ended_at__isnull=True
        ).values_list("person__handle", flat=True)
    )


def test_it_fills_two_delegate_seats_by_stv_and_replaces_the_delegation(
    committee, coordinating, delegate
):
    ana, bo, cy = (make_member(committee, handle=h).person for h in ("ana", "bo", "cy"))
    voters = make_voters(committee, 6)
    poll = make_election(committee, [ana, bo, cy], seats=2, seat_parent=coordinating)
    assert poll.method == "stv"  # the bylaws' default
    open_poll(poll)
    ballots = [["o1", "o2"], ["o1", "o3"], ["o1", "o2"], ["o2", "o1"], ["o3", "o2"], ["o2"]]
    for person, ranking in zip(voters, ballots, strict=True):
        cast(poll, person, ranking)
    closed = close_poll(poll)
    assert closed.result["winners"] == ["ana", "bo"]
    assert closed.result["quota"] == "3.00000"
    assert seated(coordinating, committee) == {"ana", "bo"}
    old = DelegateSeat.objects.get(person=delegate, parent=coordinating)
    assert old.ended_at is not None and old.end_reason == "term"
    assert board_verify(board_of(closed)).ok


def test_it_adds_the_winner_of_a_by_election_to_the_sitting_delegate(
    committee, coordinating, delegate
):
    ana, bo = (make_member(committee, handle=h).person for h in ("ana", "bo"))
    poll = make_election(committee, [ana, bo], seats=1, seat_parent=coordinating, method="irv")
    open_poll(poll)
    cast(poll, ana, ["o1"])
    cast(poll, bo, ["o1"])
    close_poll(poll)
    assert seated(coordinating, committee) == {"delegate", "ana"}


def test_it_records_a_winner_who_cannot_be_seated_without_stopping_the_close(
    committee, coordinating, delegate
):
    ana = make_member(committee, handle="ana").person
    bo = make_member(committee, handle="bo").person
    poll = make_election(committee, [ana], seats=1, seat_parent=coordinating, method="plurality")
    open_poll(poll)
    for voter in (bo, ana, delegate):  # over the turnout floor of a vote outside a meeting
        cast(poll, voter, "o1")
    make_seat(committee, coordinating, bo)  # the delegation is full (2 seats) before the close
    closed = close_poll(poll)
    assert closed.status == "closed"
    assert seated(coordinating, committee) == {"delegate", "bo"}
    event = AuditEvent.objects.get(verb="poll.outcome_not_applied")
    assert event.subject == ana and "seats" in event.data["reason"]


def test_it_makes_the_winner_of_an_officer_election_hold_the_role_and_ends_the_others(
    committee, chair, member
):
    old = role_assign(committee=committee, person=chair, kind="secretary", by=chair)
    poll = make_election(committee, [member], role_kind="secretary", method="plurality")
    open_poll(poll)
    cast(poll, member, "o1")
    close_poll(poll)
    holders = set(
        Role.objects.filter(
            committee=committee, kind="secretary", ended_at__isnull=True
        ).values_list("person__handle", flat=True)
    )
    assert holders == {"member"}
    old.refresh_from_db()
    assert old.ended_at is not None


def test_it_changes_nothing_when_nobody_votes_in_an_election(committee, coordinating, delegate):
    ana = make_member(committee, handle="ana").person
    poll = make_election(committee, [ana], seats=2, seat_parent=coordinating)
    open_poll(poll)
    closed = close_poll(poll)
    assert closed.result is None
    assert seated(coordinating, committee) == {"delegate"}


def test_it_ends_a_recalled_delegates_seat(committee, coordinating, delegate, member, chair):
    seat = DelegateSeat.objects.get(person=delegate, parent=coordinating)
    poll = make_poll(committee, kind="recall", title="Recall delegate", recall_seat=seat)
    open_poll(poll)
    cast(poll, member, "yes")
    cast(poll, chair, "yes")
    cast(poll, delegate, "no")
    closed = close_poll(poll)
    assert closed.adopted is True
    seat.refresh_from_db()
    assert seat.end_reason == "recall"


def test_it_keeps_a_delegate_whose_recall_fails(committee, coordinating, delegate, member):
    seat = DelegateSeat.objects.get(person=delegate, parent=coordinating)
    poll = make_poll(committee, kind="recall", title="Recall delegate", recall_seat=seat)
    open_poll(poll)
    cast(poll, member, "no")
    assert close_poll(poll).adopted is False
    seat.refresh_from_db()
    assert seat.ended_at is None


def test_it_makes_a_candidate_only_of_an_accepted_nomination(committee, member, chair):
    poll = make_poll(committee, kind="election", title="Chair")
    nomination = services.nomination_create(poll=poll, person=member, by=chair)
    assert not PollOption.objects.filter(poll=poll).exists()
    with pytest.raises(RuleViolation, match="No candidate"):
        open_poll(poll)
    with pytest.raises(RuleViolation, match="Only the person nominated"):
        services.nomination_accept(nomination=nomination, by=chair)
    services.nomination_accept(nomination=nomination, by=member)
    assert list(PollOption.objects.filter(poll=poll).values_list("label", "person")) == [
        ("member", member.pk)
    ]
    assert open_poll(poll).status == "open"


def test_it_refuses_a_second_nomination_of_the_same_member(committee, member, chair):
    poll = make_poll(committee, kind="election", title="Chair")
    services.nomination_create(poll=poll, person=member, by=chair)
    with pytest.raises(RuleViolation, match="nominated already"):
        services.nomination_create(poll=poll, person=member, by=member)


def test_it_refuses_to_nominate_someone_outside_the_committee(committee, outsider, chair):
    poll = make_poll(committee, kind="election", title="Chair")
    with pytest.raises(RuleViolation, match="not an active member"):
        services.nomination_create(poll=poll, person=outsider, by=chair)


def test_it_lets_a_candidate_withdraw_before_the_vote_opens(committee, member):
    poll = make_election(committee, [member])
    nomination = Nomination.objects.get(poll=poll, person=member)
    services.nomination_withdraw(nomination=nomination, by=member)
    assert not PollOption.objects.filter(poll=poll).exists()


def test_it_closes_nominations_when_the_vote_opens(committee, member, chair):
    poll = make_election(committee, [chair])
    open_poll(poll)
    with pytest.raises(RuleViolation, match="Nominations closed"):
        services.nomination_create(poll=poll, person=member, by=member)


def test_it_drops_a_candidate_who_left_before_the_vote_opened(committee, chair):
    gone = make_member(committee, handle="gone").person
    poll = make_election(committee, [chair, gone])
    from rankfile.committees.models import Membership
    from rankfile.committees.services import membership_leave

    membership_leave(membership=Membership.objects.get(person=gone, committee=committee), by=gone)
    open_poll(poll)
    assert list(PollOption.objects.filter(poll=poll).values_list("label", flat=True)) == ["chair"]


def test_it_takes_the_election_method_from_the_bylaws(committee, member):
    set_bylaws(committee, election_method="schulze")
    assert make_election(committee, [member]).method == "schulze"
    set_bylaws(committee, election_method="irv")
    assert make_election(committee, [member], title="Two seats", seats=2).method == "stv"


def test_it_says_who_was_elected_in_one_sentence(committee, coordinating, delegate):
    from rankfile.votes.selectors import poll_result_summary

    ana, bo = (make_member(committee, handle=h).person for h in ("ana", "bo"))
    poll = make_election(committee, [ana, bo], seats=2, seat_parent=coordinating)
    open_poll(poll)
    for person in (ana, bo, delegate):
        cast(poll, person, ["o1", "o2"])
    assert poll_result_summary(fresh(close_poll(poll))) == (
        "Elected: ana, bo (STV, 2 seats, quota 2.00000)"
    )


def test_it_drops_a_candidate_who_erased_their_account_before_the_vote_opened(committee, chair):
    from rankfile.accounts.services import account_erase

    gone = make_member(committee, handle="gone").person
    poll = make_election(committee, [chair, gone])
    account_erase(person=gone)
    open_poll(poll)
    assert list(PollOption.objects.filter(poll=poll).values_list("label", flat=True)) == ["chair"]
