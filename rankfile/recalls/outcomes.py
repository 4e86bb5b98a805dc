"""The "poll.recall" decision: the committees app ends the seat or the role
(`committees.outcomes.recall_decided`), then, when it ended, a **by-election** is prepared for
it: a draft election (nominations open) for one seat on the same parent, or for the same role.
Officers open it when candidates stand; it is a vote like any other (floors included)."""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext as _

from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.models import Committee, DelegateSeat, Role, RoleKind
from rankfile.committees.outcomes import recall_decided
from rankfile.core.decisions import Decision, decision_step
from rankfile.recalls.models import RecallPetition
from rankfile.votes.models import Poll
from rankfile.votes.services import poll_create_election


def recall_decided_with_by_election(decision: Decision) -> None:
    recall_decided(decision)
    if not decision.adopted:
        return
    seat_id = decision.data.get("recall_seat_id") or 0
    role_id = decision.data.get("recall_role_id") or 0
    seat = DelegateSeat.objects.select_related("parent").filter(pk=seat_id).first()
    role = Role.objects.filter(pk=role_id).first()
    if seat is not None and seat.ended_at is not None:
        decision_step(decision, None, partial(_by_election_for_seat, decision, seat=seat))
    elif role is not None and role.ended_at is not None:
        decision_step(decision, None, partial(_by_election_for_role, decision, role=role))


def _by_election_for_seat(decision: Decision, *, seat: DelegateSeat) -> None:
    poll = by_election_prepare_seat(committee_id=seat.committee_id, parent=seat.parent)
    _petition_link(decision, poll)


def by_election_prepare_seat(*, committee_id: int, parent: Committee) -> Poll:
    committee = Committee.objects.get(pk=committee_id)
    poll = poll_create_election(
        committee=committee,
        by=None,
        title=_("By-election: delegate to %(parent)s") % {"parent": parent.name},
        seats=1,
        seat_parent=parent,
    )
    _prepared_record(poll)
    return poll


def _by_election_for_role(decision: Decision, *, role: Role) -> None:
    committee = Committee.objects.get(pk=role.committee_id)
    poll = poll_create_election(
        committee=committee,
        by=None,
        title=_("By-election: %(role)s") % {"role": RoleKind(role.kind).label},
        seats=1,
        role_kind=role.kind,
    )
    _prepared_record(poll)
    _petition_link(decision, poll)


def _prepared_record(poll: Poll) -> None:
    audit_record(
        verb=AuditVerb.BY_ELECTION_PREPARED,
        actor=None,
        committee=poll.committee,
        data={"poll_id": poll.pk, "other_name": poll.title},
    )


def _petition_link(decision: Decision, poll: Poll) -> None:
    poll_id = int(decision.data.get("poll_id") or 0)
    RecallPetition.objects.filter(poll_id=poll_id).update(by_election=poll)
