"""What a closed poll changes: the winners of an election take their seats or roles, and an
adopted recall ends a seat or a role. Runs inside `poll_close`'s transaction.

Rules (docs/votes.md):

* **Delegate election** (`seat_parent`): if it fills as many seats as the parent gives each
  committee (`seats_per_delegation`), it **replaces the delegation**: every sitting delegate of
  the committee on that parent ends their seat (reason: term), then the winners are seated in
  order of election. If it fills fewer, it is a **by-election**: the winners join the sitting
  delegates in the free seats.
* **Officer election** (`role_kind`): the winners hold the role, then every other holder of it
  loses it (in that order, so the committee is never without a chair).
* An election with no winner (nobody voted) changes nothing.
* **Recall** adopted: the seat ends (reason: recalled) or the role ends.

A step that the committee rules refuse (a winner who left the committee meanwhile, a full
delegation) does not stop the close: the result stands, and a `poll.outcome_not_applied` event
in the committee's log says what was not done and why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.models import DelegateSeat, Role, SeatEndReason
from rankfile.committees.services import role_assign, role_end, seat_assign, seat_end
from rankfile.core.errors import RuleViolation
from rankfile.votes.models import Poll, PollKind, PollOption


def poll_outcome_apply(*, poll: Poll, options: Sequence[PollOption], by: Person | None) -> None:
    if poll.kind == PollKind.ELECTION and poll.result:
        by_label = {option.label: option for option in options}
        winners = [
            by_label[name].person
            for name in poll.result.get("winners", [])
            if name in by_label and by_label[name].person is not None
        ]
        people = [person for person in winners if person is not None]
        if people and poll.seat_parent_id is not None:
            _delegation_elect(poll=poll, people=people, by=by)
        elif people and poll.role_kind:
            _officers_elect(poll=poll, people=people, by=by)
    elif poll.kind == PollKind.RECALL and poll.adopted:
        _recall(poll=poll, by=by)


def _actor(by: Person | None) -> Person | None:
    # A deadline close has no person: the committee services' audit events then read
    # "the system".
    return by


def _step(
    poll: Poll, person: Person | None, by: Person | None, action: Callable[[], object]
) -> None:
    """Run one committee service in a savepoint; a refusal is logged, not raised."""
    try:
        action()
    except RuleViolation as refusal:
        audit_record(
            verb=AuditVerb.POLL_OUTCOME_NOT_APPLIED,
            actor=by,
            committee=poll.committee,
            subject=person,
            data={"poll_id": poll.pk, "other_name": poll.title, "reason": refusal.message},
        )


def _delegation_elect(*, poll: Poll, people: list[Person], by: Person | None) -> None:
    parent = poll.seat_parent
    assert parent is not None
    if poll.seats >= bylaws_effective(committee=parent).seats_per_delegation:
        for seat in DelegateSeat.objects.filter(
            parent=parent, committee_id=poll.committee_id, ended_at__isnull=True
        ).select_related("person"):
            _step(
                poll,
                seat.person,
                by,
                partial(seat_end, seat=seat, by=_actor(by), reason=SeatEndReason.TERM),
            )
    for person in people:
        _step(
            poll,
            person,
            by,
            partial(
                seat_assign, parent=parent, committee=poll.committee, person=person, by=_actor(by)
            ),
        )


def _officers_elect(*, poll: Poll, people: list[Person], by: Person | None) -> None:
    holders = {
        role.person_id: role
        for role in Role.objects.filter(
            committee_id=poll.committee_id, kind=poll.role_kind, ended_at__isnull=True
        ).select_related("person")
    }
    for person in people:
        if person.pk not in holders:
            _step(
                poll,
                person,
                by,
                partial(
                    role_assign,
                    committee=poll.committee,
                    person=person,
                    kind=poll.role_kind,
                    by=_actor(by),
                ),
            )
    elected = {person.pk for person in people}
    for person_id, role in holders.items():
        if person_id not in elected:
            _step(poll, role.person, by, partial(role_end, role=role, by=_actor(by)))


def _recall(*, poll: Poll, by: Person | None) -> None:
    if poll.recall_seat_id is not None:
        seat = DelegateSeat.objects.select_related("person").get(pk=poll.recall_seat_id)
        if seat.ended_at is None:
            _step(
                poll,
                seat.person,
                by,
                lambda: seat_end(seat=seat, by=_actor(by), reason=SeatEndReason.RECALL),
            )
    elif poll.recall_role_id is not None:
        role = Role.objects.select_related("person").get(pk=poll.recall_role_id)
        if role.ended_at is None:
            _step(poll, role.person, by, lambda: role_end(role=role, by=_actor(by)))
