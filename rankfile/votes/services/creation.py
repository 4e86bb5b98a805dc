"""Preparing a poll: the kind decides the options and the method; the targets of an election
or a recall are checked against the committee's federation and offices."""

from __future__ import annotations

from collections.abc import Sequence
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
from rankfile.votes.electorate import roll_call_required
from rankfile.votes.floors import closes_at_refusal
from rankfile.votes.live import poll_refresh
from rankfile.votes.models import (
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


def poll_create_motion(
    *,
    committee: Committee,
    by: Person | None,
    title: str,
    description: str = "",
    majority: str = Majority.SIMPLE,
    is_secret: bool = True,
    meeting: Meeting | None = None,
    motion: Motion | None = None,
    closes_at: datetime | None = None,
) -> Poll:
    """A draft yes / no / abstain vote on a motion (or an amendment), or on a proposal put
    straight to the vote when `motion` is None."""
    title = _title_cleaned(title)
    _majority_check(majority)
    _time_and_place_check(committee=committee, closes_at=closes_at, meeting=meeting, motion=motion)
    return _poll_insert(
        committee=committee,
        by=by,
        kind=PollKind.MOTION,
        title=title,
        description=description,
        method=PollMethod.YESNO,
        seats=1,
        majority=majority,
        is_secret=is_secret,
        closes_at=closes_at,
        meeting=meeting,
        motion=motion,
        labels=list(YESNO_LABELS),
    )


def poll_create_recall(
    *,
    committee: Committee,
    by: Person | None,
    title: str,
    recall_seat: DelegateSeat | None = None,
    recall_role: Role | None = None,
    description: str = "",
    majority: str = Majority.SIMPLE,
    is_secret: bool = True,
    meeting: Meeting | None = None,
    closes_at: datetime | None = None,
) -> Poll:
    """A draft yes / no / abstain vote to end one delegate seat or one officer role of the
    committee."""
    title = _title_cleaned(title)
    _majority_check(majority)
    _time_and_place_check(committee=committee, closes_at=closes_at, meeting=meeting)
    _recall_target_check(committee=committee, recall_seat=recall_seat, recall_role=recall_role)
    return _poll_insert(
        committee=committee,
        by=by,
        kind=PollKind.RECALL,
        title=title,
        description=description,
        method=PollMethod.YESNO,
        seats=1,
        majority=majority,
        is_secret=is_secret,
        closes_at=closes_at,
        meeting=meeting,
        labels=list(YESNO_LABELS),
        recall_seat=recall_seat,
        recall_role=recall_role,
    )


def poll_create_election(
    *,
    committee: Committee,
    by: Person | None,
    title: str,
    seats: int = 1,
    method: str | None = None,
    seat_parent: Committee | None = None,
    role_kind: str = "",
    description: str = "",
    is_secret: bool = True,
    meeting: Meeting | None = None,
    closes_at: datetime | None = None,
) -> Poll:
    """A draft election of delegates to `seat_parent`, of holders of the role `role_kind`, or
    of neither (the result is only published). Its candidates come from accepted nominations;
    its method, unless given, from the bylaws."""
    title = _title_cleaned(title)
    method = method or _default_election_method(committee=committee, seats=seats)
    if method not in PollMethod.values or method == PollMethod.YESNO:
        raise RuleViolation(_("Unknown voting method."))
    _seats_check(method=method, seats=seats)
    _time_and_place_check(committee=committee, closes_at=closes_at, meeting=meeting)
    _election_target_check(
        committee=committee, seats=seats, seat_parent=seat_parent, role_kind=role_kind
    )
    return _poll_insert(
        committee=committee,
        by=by,
        kind=PollKind.ELECTION,
        title=title,
        description=description,
        method=method,
        seats=seats,
        majority=Majority.SIMPLE,
        is_secret=is_secret,
        closes_at=closes_at,
        meeting=meeting,
        labels=[],
        seat_parent=seat_parent,
        role_kind=role_kind,
    )


def poll_create_question(
    *,
    committee: Committee,
    by: Person | None,
    title: str,
    options: Sequence[str] = (),
    method: str | None = None,
    seats: int = 1,
    description: str = "",
    majority: str = Majority.SIMPLE,
    is_secret: bool = True,
    meeting: Meeting | None = None,
    closes_at: datetime | None = None,
) -> Poll:
    """A draft question with the given options (plurality unless another method is given),
    or, with none, a yes / no / abstain question."""
    title = _title_cleaned(title)
    _majority_check(majority)
    labels = [label.strip() for label in options if label.strip()]
    if not labels:
        if method not in (None, "", PollMethod.YESNO):
            raise RuleViolation(_("A motion or a recall is decided by yes, no or abstain."))
        method, seats, labels = PollMethod.YESNO, 1, list(YESNO_LABELS)
    else:
        method = method or PollMethod.PLURALITY
        _options_check(labels)
    if method not in PollMethod.values:
        raise RuleViolation(_("Unknown voting method."))
    if method == PollMethod.YESNO and labels != list(YESNO_LABELS):
        raise RuleViolation(_("A yes / no question has no options of its own."))
    _seats_check(method=method, seats=seats)
    if seats >= len(labels) and method != PollMethod.YESNO:
        raise RuleViolation(_("There must be more options than places to fill."))
    _time_and_place_check(committee=committee, closes_at=closes_at, meeting=meeting)
    return _poll_insert(
        committee=committee,
        by=by,
        kind=PollKind.QUESTION,
        title=title,
        description=description,
        method=method,
        seats=seats,
        majority=majority,
        is_secret=is_secret,
        closes_at=closes_at,
        meeting=meeting,
        labels=labels,
    )


def _poll_insert(
    *,
    committee: Committee,
    by: Person | None,
    kind: PollKind,
    title: str,
    description: str,
    method: str,
    seats: int,
    majority: str,
    is_secret: bool,
    closes_at: datetime | None,
    meeting: Meeting | None,
    labels: list[str],
    motion: Motion | None = None,
    seat_parent: Committee | None = None,
    role_kind: str = "",
    recall_seat: DelegateSeat | None = None,
    recall_role: Role | None = None,
) -> Poll:
    """The poll, its options and its audit event, in one transaction, once every rule of its
    kind is checked."""
    refusal = _ballot_and_period_refusal(
        committee=committee, kind=kind, is_secret=is_secret, closes_at=closes_at, meeting=meeting
    )
    if refusal is not None:
        raise RuleViolation(refusal)
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
            seat_parent=seat_parent,
            role_kind=role_kind,
            recall_seat=recall_seat,
            recall_role=recall_role,
        )
        PollOption.objects.bulk_create(
            PollOption(poll=poll, label=label, position=position)
            for position, label in enumerate(labels, start=1)
        )
        audit_record(verb=AuditVerb.POLL_CREATED, actor=by, committee=committee, data=_data(poll))
        poll_refresh(poll)
    return poll


def _ballot_and_period_refusal(
    *,
    committee: Committee,
    kind: PollKind,
    is_secret: bool,
    closes_at: datetime | None,
    meeting: Meeting | None,
) -> str | None:
    if meeting is None and closes_at is not None:
        # Prepared outside a meeting: it cannot open before now, so this is the earliest close.
        refusal = closes_at_refusal(
            committee=committee, kind=kind, closes_at=closes_at, opens_at=timezone.now()
        )
        if refusal is not None:
            return refusal
    if is_secret and roll_call_required(committee=committee):
        return _(
            "Delegates vote by roll call here, so that their committees see how they voted: "
            "the bylaws of %(name)s do not allow a secret ballot."
        ) % {"name": committee.name}
    return None


def _title_cleaned(title: str) -> str:
    title = title.strip()
    if not title:
        raise RuleViolation(_("Give the vote a title."))
    return title


def _majority_check(majority: str) -> None:
    if majority not in Majority.values:
        raise RuleViolation(_("Unknown majority."))


def _time_and_place_check(
    *,
    committee: Committee,
    closes_at: datetime | None,
    meeting: Meeting | None,
    motion: Motion | None = None,
) -> None:
    if closes_at is not None and closes_at <= timezone.now():
        raise RuleViolation(_("The closing time must be in the future."))
    for other in (meeting, motion):
        if other is not None and other.committee_id != committee.pk:
            raise RuleViolation(_("The meeting or motion belongs to another committee."))


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


def _seats_check(*, method: str, seats: int) -> None:
    if not 1 <= seats <= MAX_SEATS:
        raise RuleViolation(_("Seats must be between 1 and %(n)d.") % {"n": MAX_SEATS})
    if method in (PollMethod.IRV, PollMethod.YESNO) and seats != 1:
        raise RuleViolation(_("This method fills one seat; choose STV for several."))


def _election_target_check(
    *, committee: Committee, seats: int, seat_parent: Committee | None, role_kind: str
) -> None:
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


def _recall_target_check(
    *, committee: Committee, recall_seat: DelegateSeat | None, recall_role: Role | None
) -> None:
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
