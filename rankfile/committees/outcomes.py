"""What a closed election or recall changes in the committee: the winners take their seats or
roles, and an adopted recall ends a seat or a role. Registered as the handlers of "poll.election"
and "poll.recall" decisions (rankfile.core.decisions); runs inside the closing transaction.

Rules (docs/votes.md):

* **Delegate election** (`seat_parent_id`): if it fills as many seats as the parent gives each
  committee (`seats_per_delegation`), it **replaces the delegation**: every sitting delegate of
  the committee on that parent ends their seat (reason: term), then the winners are seated in
  order of election. If it fills fewer, it is a **by-election**: the winners join the sitting
  delegates in the free seats.
* **Officer election** (`role_kind`): the winners hold the role, then every other holder of it
  loses it (in that order, so the committee is never without a chair).
* An election with no winner (nobody voted) changes nothing.
* **Recall** adopted: the seat ends (reason: recalled) or the role ends.

A step that the committee rules refuse (a winner who left the committee meanwhile, a full
delegation) does not stop the others: the result stands, and the decision's refusal record
(`poll.outcome_not_applied` in the committee's log) says what was not done and why.
"""

from __future__ import annotations

from functools import partial

from rankfile.accounts.models import Person
from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.models import Committee, DelegateSeat, Role, SeatEndReason
from rankfile.committees.services import (
    bylaws_apply_adopted,
    role_assign,
    role_end,
    seat_assign,
    seat_end,
)
from rankfile.core.decisions import Decision, decision_step


def election_decided(decision: Decision) -> None:
    people_by_id = Person.objects.in_bulk(decision.data.get("winner_ids", []))
    people = [people_by_id[pk] for pk in decision.data.get("winner_ids", []) if pk in people_by_id]
    if not people:
        return
    committee = Committee.objects.get(pk=decision.committee_id)
    if decision.data.get("seat_parent_id") is not None:
        _delegation_elect(decision, committee=committee, people=people)
    elif decision.data.get("role_kind"):
        _officers_elect(decision, committee=committee, people=people)


def recall_decided(decision: Decision) -> None:
    if not decision.adopted:
        return
    by = decision.by
    if decision.data.get("recall_seat_id") is not None:
        seat = DelegateSeat.objects.select_related("person").get(pk=decision.data["recall_seat_id"])
        if seat.ended_at is None:
            decision_step(
                decision,
                seat.person,
                partial(seat_end, seat=seat, by=by, reason=SeatEndReason.RECALL),
            )
    elif decision.data.get("recall_role_id") is not None:
        role = Role.objects.select_related("person").get(pk=decision.data["recall_role_id"])
        if role.ended_at is None:
            decision_step(decision, role.person, partial(role_end, role=role, by=by))


def _delegation_elect(decision: Decision, *, committee: Committee, people: list[Person]) -> None:
    # A deadline close has no person (`by` None): the committee services' audit events then
    # read "the system".
    by = decision.by
    parent = Committee.objects.get(pk=decision.data["seat_parent_id"])
    if decision.data["seats"] >= bylaws_effective(committee=parent).seats_per_delegation:
        for seat in DelegateSeat.objects.filter(
            parent=parent, committee=committee, ended_at__isnull=True
        ).select_related("person"):
            decision_step(
                decision,
                seat.person,
                partial(seat_end, seat=seat, by=by, reason=SeatEndReason.TERM),
            )
    for person in people:
        decision_step(
            decision,
            person,
            partial(seat_assign, parent=parent, committee=committee, person=person, by=by),
        )


def _officers_elect(decision: Decision, *, committee: Committee, people: list[Person]) -> None:
    by = decision.by
    kind = decision.data["role_kind"]
    holders = {
        role.person_id: role
        for role in Role.objects.filter(
            committee=committee, kind=kind, ended_at__isnull=True
        ).select_related("person")
    }
    for person in people:
        if person.pk not in holders:
            decision_step(
                decision,
                person,
                partial(role_assign, committee=committee, person=person, kind=kind, by=by),
            )
    elected = {person.pk for person in people}
    for person_id, role in holders.items():
        if person_id not in elected:
            decision_step(decision, role.person, partial(role_end, role=role, by=by))


def bylaws_decided(decision: Decision) -> None:
    """An adopted motion of kind "bylaws": its changes take effect (docs/meetings.md)."""
    bylaws_apply_adopted(
        committee_id=decision.committee_id,
        changes=dict(decision.data.get("changes", {})),
        motion_id=decision.data["motion_id"],
        title=decision.title,
        by=decision.by,
    )
