"""Preparing a poll: the kind decides the options and the method; the targets of an election
or a recall are checked against the committee's federation and offices."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.models import (
    Affiliation,
    AffiliationStatus,
    Committee,
    DelegateSeat,
    Role,
    RoleKind,
)
from rankfile.core.errors import RuleViolation
from rankfile.votes.content import YESNO_LABELS
from rankfile.votes.live import poll_refresh
from rankfile.votes.models import (
    YESNO_KINDS,
    Majority,
    Poll,
    PollKind,
    PollMethod,
    PollOption,
)

if TYPE_CHECKING:
    from rankfile.meetings.models import Meeting
    from rankfile.motions.models import Motion

MAX_OPTIONS = 50
MAX_SEATS = 50


def poll_create(
    *,
    committee: Committee,
    by: Person,
    kind: str,
    title: str,
    options: list[str] | None = None,
    method: str | None = None,
    seats: int = 1,
    majority: str = "simple",
    is_secret: bool = True,
    meeting: Meeting | None = None,
    motion: Motion | None = None,
    closes_at: datetime | None = None,
    seat_parent: Committee | None = None,
    role_kind: str = "",
    description: str = "",
    recall_seat: DelegateSeat | None = None,
    recall_role: Role | None = None,
) -> Poll:
    """A draft poll. Motions and recalls are yes / no / abstain; an election's candidates come
    from accepted nominations and its method, unless given, from the bylaws; a question has the
    given options (none: yes / no / abstain)."""
    title = title.strip()
    if not title:
        raise RuleViolation(_("Give the vote a title."))
    if kind not in PollKind.values:
        raise RuleViolation(_("Unknown kind of vote."))
    if majority not in Majority.values:
        raise RuleViolation(_("Unknown majority."))
    labels = [label.strip() for label in options or [] if label.strip()]
    if kind in YESNO_KINDS or (kind == PollKind.QUESTION and not labels):
        if labels or method not in (None, "", PollMethod.YESNO):
            raise RuleViolation(_("A motion or a recall is decided by yes, no or abstain."))
        method, seats, labels = PollMethod.YESNO, 1, list(YESNO_LABELS)
    elif kind == PollKind.ELECTION:
        if labels:
            raise RuleViolation(_("Candidates come from accepted nominations, not a list."))
        method = method or _default_election_method(committee=committee, seats=seats)
    else:
        method = method or PollMethod.PLURALITY
        _options_check(labels)
    if method not in PollMethod.values or (method == PollMethod.YESNO and kind == "election"):
        raise RuleViolation(_("Unknown voting method."))
    if method == PollMethod.YESNO and kind == PollKind.QUESTION and labels != list(YESNO_LABELS):
        raise RuleViolation(_("A yes / no question has no options of its own."))
    _seats_check(method=method, seats=seats, labels=labels, kind=kind)
    if closes_at is not None and closes_at <= timezone.now():
        raise RuleViolation(_("The closing time must be in the future."))
    for other in (meeting, motion):
        if other is not None and other.committee_id != committee.pk:
            raise RuleViolation(_("The meeting or motion belongs to another committee."))
    _targets_check(
        committee=committee,
        kind=kind,
        seats=seats,
        seat_parent=seat_parent,
        role_kind=role_kind,
        recall_seat=recall_seat,
        recall_role=recall_role,
    )
    with transaction.atomic():
        poll = Poll.objects.create(
            committee=committee,
            kind=kind,
            title=title[:200],
            description=description.strip(),
            method=method,
            seats=seats,
            majority=majority,
            is_secret=is_secret,
            created_by=by,
            closes_at=closes_at,
            meeting=meeting,
            motion=motion,
            seat_parent=seat_parent if kind == PollKind.ELECTION else None,
            role_kind=role_kind if kind == PollKind.ELECTION else "",
            recall_seat=recall_seat if kind == PollKind.RECALL else None,
            recall_role=recall_role if kind == PollKind.RECALL else None,
        )
        PollOption.objects.bulk_create(
            PollOption(poll=poll, label=label, position=position)
            for position, label in enumerate(labels, start=1)
        )
        audit_record(verb=AuditVerb.POLL_CREATED, actor=by, committee=committee, data=_data(poll))
        poll_refresh(poll)
    return poll


def _default_election_method(*, committee: Committee, seats: int) -> str:
    method = bylaws_effective(committee=committee).election_method
    # Instant runoff fills one seat; the bylaws' choice for several is read as its STV form.
    return PollMethod.STV if method == PollMethod.IRV and seats > 1 else method


def _options_check(labels: list[str]) -> None:
    if len(labels) < 2:
        raise RuleViolation(_("A question needs at least two options, one per line."))
    if len(labels) > MAX_OPTIONS:
        raise RuleViolation(_("At most %(n)d options.") % {"n": MAX_OPTIONS})
    if len({label.casefold() for label in labels}) != len(labels):
        raise RuleViolation(_("Each option must be different."))
    if any(len(label) > 200 for label in labels):
        raise RuleViolation(_("Keep each option under 200 characters."))


def _seats_check(*, method: str, seats: int, labels: list[str], kind: str) -> None:
    if not 1 <= seats <= MAX_SEATS:
        raise RuleViolation(_("Seats must be between 1 and %(n)d.") % {"n": MAX_SEATS})
    if method in (PollMethod.IRV, PollMethod.YESNO) and seats != 1:
        raise RuleViolation(_("This method fills one seat; choose STV for several."))
    if kind == PollKind.QUESTION and seats >= len(labels) and method != PollMethod.YESNO:
        raise RuleViolation(_("There must be more options than places to fill."))


def _targets_check(
    *,
    committee: Committee,
    kind: str,
    seats: int,
    seat_parent: Committee | None,
    role_kind: str,
    recall_seat: DelegateSeat | None,
    recall_role: Role | None,
) -> None:
    if kind == PollKind.ELECTION:
        if seat_parent is not None and role_kind:
            raise RuleViolation(_("An election fills either delegate seats or an officer role."))
        if seat_parent is not None:
            if not Affiliation.objects.filter(
                child=committee, parent=seat_parent, status=AffiliationStatus.ACCEPTED
            ).exists():
                raise RuleViolation(
                    _("%(child)s is not a member committee of %(parent)s.")
                    % {"child": committee.name, "parent": seat_parent.name}
                )
            per_delegation = bylaws_effective(committee=seat_parent).seats_per_delegation
            if seats > per_delegation:
                raise RuleViolation(
                    _("%(parent)s gives each committee %(n)d seats.")
                    % {"parent": seat_parent.name, "n": per_delegation}
                )
        if role_kind and role_kind not in RoleKind.values:
            raise RuleViolation(_("Unknown role."))
    if kind == PollKind.RECALL:
        if (recall_seat is None) == (recall_role is None):
            raise RuleViolation(_("A recall is about one delegate seat or one officer role."))
        if recall_seat is not None and (
            recall_seat.committee_id != committee.pk or recall_seat.ended_at is not None
        ):
            raise RuleViolation(_("That seat is not held by a delegate of this committee."))
        if recall_role is not None and (
            recall_role.committee_id != committee.pk or recall_role.ended_at is not None
        ):
            raise RuleViolation(_("That role is not held in this committee."))


def _data(poll: Poll) -> dict[str, object]:
    return {"poll_id": poll.pk, "other_name": poll.title}
