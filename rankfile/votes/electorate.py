"""Who may vote in a poll, and with what weight: computed once, when the poll opens.

* In a workplace, school or neighbourhood committee: every active member, weight 1.
* In a coordinating committee (or the alliance): the delegates seated on it. With the bylaw
  `delegate_weight = one_per_delegate` each has weight 1; with `members_represented` the active
  members of the committee a delegate represents are shared equally among that committee's
  seated delegates, truncated to 6 decimal places (the most a board weight may carry), so a
  committee of 650 with 3 delegates gives each 216.666666 (0.000002 of a vote is lost).
  Delegates of one committee always have equal weights, so their ballots cannot be told apart
  by weight from each other.
* A poll held in a meeting whose bylaws say `in_meeting_polls_need_check_in`: only those of
  the above who are checked in when the poll opens.
"""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_DOWN, Decimal

from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.models import (
    PARENT_KINDS,
    Committee,
    DelegateSeat,
    Membership,
)
from rankfile.votes.models import WEIGHT_PLACES, Poll

ONE = Decimal(1)


def delegate_share(*, members: int, delegates: int) -> Decimal:
    """Each delegate's share of the members they represent, truncated to 6 decimals."""
    return (Decimal(members) / Decimal(delegates)).quantize(WEIGHT_PLACES, rounding=ROUND_DOWN)


def electorate_is_weighted(*, committee: Committee) -> bool:
    return (
        committee.kind in PARENT_KINDS
        and bylaws_effective(committee=committee).delegate_weight == "members_represented"
    )


def electorate_compute(*, poll: Poll) -> dict[int, Decimal]:
    """person id -> weight, for the poll as it would open now."""
    committee = poll.committee
    bylaws = bylaws_effective(committee=committee)
    active = set(
        Membership.objects.active()
        .filter(committee_id=committee.pk)
        .values_list("person_id", flat=True)
    )
    weights: dict[int, Decimal]
    if committee.kind in PARENT_KINDS:
        seats = list(
            DelegateSeat.objects.filter(parent_id=committee.pk, ended_at__isnull=True).values_list(
                "person_id", "committee_id"
            )
        )
        seats = [(person_id, child_id) for person_id, child_id in seats if person_id in active]
        if bylaws.delegate_weight == "members_represented":
            delegates = Counter(child_id for _person_id, child_id in seats)
            members = dict(
                Committee.objects.filter(pk__in=delegates).values_list("pk", "active_member_count")
            )
            weights = {
                person_id: delegate_share(members=members[child_id], delegates=delegates[child_id])
                for person_id, child_id in seats
            }
        else:
            weights = {person_id: ONE for person_id, _child_id in seats}
    else:
        weights = dict.fromkeys(active, ONE)
    if poll.meeting_id is not None and bylaws.in_meeting_polls_need_check_in:
        from rankfile.meetings.selectors import meeting_present_person_ids

        present = meeting_present_person_ids(meeting_id=poll.meeting_id)
        weights = {person_id: w for person_id, w in weights.items() if person_id in present}
    # A delegate whose committee has no active member left would weigh nothing: not an elector.
    return {person_id: w for person_id, w in weights.items() if w > 0}


def roll_call_required(*, committee: Committee) -> bool:
    """Delegates vote by roll call, so that the committees they represent see how they voted:
    a secret poll in a coordinating committee (or the alliance) only where its bylaws allow."""
    if committee.kind not in PARENT_KINDS:
        return False
    bylaws = bylaws_effective(committee=committee)
    return bylaws.delegates_vote_by_roll_call and not bylaws.delegates_may_vote_in_secret


def ballot_is_secret(is_secret: bool | None, *, committee: Committee) -> bool:
    """The ballot asked for, or, when none was (None), the committee's default: secret, except
    among delegates who vote by roll call."""
    if is_secret is None:
        return not roll_call_by_default(committee=committee)
    return is_secret


def roll_call_by_default(*, committee: Committee) -> bool:
    """What a poll form offers first: roll call where delegates vote by roll call."""
    return (
        committee.kind in PARENT_KINDS
        and bylaws_effective(committee=committee).delegates_vote_by_roll_call
    )
