"""Recall petitions: open, sign, withdraw a signature, answer, lapse. Each is one transaction
that writes its audit event in it. The signature that reaches the bylaws' share opens the recall
vote by itself, in the transaction that holds the petition row locked: simultaneous signatures
open exactly one vote."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.access import is_active_member
from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.models import Committee, DelegateSeat, Role
from rankfile.committees.notify import notify_committee_members
from rankfile.core.errors import RuleViolation
from rankfile.core.notify import NotificationKind
from rankfile.recalls.lifecycle import (
    recall_cooldown_refusal,
    recall_pending_refusal,
    recall_sign_refusal,
    recall_signatures_needed,
)
from rankfile.recalls.models import RecallPetition, RecallPetitionStatus, RecallSignature
from rankfile.recalls.titles import recall_target_label
from rankfile.votes.electorate import roll_call_required
from rankfile.votes.models import Poll
from rankfile.votes.services import poll_create_recall, poll_open


def _data(petition: RecallPetition, **extra: object) -> dict[str, object]:
    return {"petition_id": petition.pk, "other_name": recall_target_label(petition), **extra}


def recall_petition_open(
    *,
    committee: Committee,
    by: Person,
    reason: str,
    seat: DelegateSeat | None = None,
    role: Role | None = None,
    now: datetime | None = None,
) -> RecallPetition:
    """A member asks for the recall of one delegate seat or officer role, and signs first."""
    now = now or timezone.now()
    reason = reason.strip()
    if not reason:
        raise RuleViolation(_("Say why the members should recall them."))
    with transaction.atomic():
        locked_committee = Committee.objects.select_for_update().get(pk=committee.pk)
        if not is_active_member(person_id=by.pk, committee_id=committee.pk):
            raise RuleViolation(_("Only active members can petition."))
        holder_id = _target_check(locked_committee, seat=seat, role=role)
        for refusal in (
            recall_cooldown_refusal(committee=locked_committee, holder_id=holder_id, now=now),
            recall_pending_refusal(
                seat_id=seat.pk if seat else None, role_id=role.pk if role else None
            ),
        ):
            if refusal:
                raise RuleViolation(refusal)
        _lapse_due(locked_committee, seat=seat, role=role, now=now)
        days = bylaws_effective(committee=locked_committee).recall_petition_days
        try:
            with transaction.atomic():
                petition = RecallPetition.objects.create(
                    committee=locked_committee,
                    seat=seat,
                    role=role,
                    holder_id=holder_id,
                    reason=reason[:2000],
                    status=RecallPetitionStatus.COLLECTING,
                    opened_at=now,
                    closes_at=now + timedelta(days=days),
                )
        except IntegrityError:
            raise RuleViolation(
                _("A petition to recall them is already collecting signatures: sign that one.")
            ) from None
        # The opener is not named: the log says a petition was opened, as for a meeting's.
        audit_record(
            verb=AuditVerb.RECALL_PETITION_OPENED,
            actor=None,
            committee=locked_committee,
            subject=petition.holder,
            data=_data(petition),
        )
        _sign(petition, person=by, now=now)
        _opened_notify(locked_committee, petition)
    return petition


def _opened_notify(committee: Committee, petition: RecallPetition) -> None:
    """Every member is told (as they chose): the petition is theirs to sign or not."""
    target = recall_target_label(petition)
    notify_committee_members(
        committee_id=committee.pk,
        kind=NotificationKind.RECALLS_AND_TERMS,
        subject=_("A petition to recall %(target)s") % {"target": target},
        body=_(
            "%(committee)s: members petition to recall %(target)s. Their reason: "
            "%(reason)s. Read it and sign or not on the committee's page."
        )
        % {"committee": committee.name, "target": target, "reason": petition.reason},
    )


def _target_check(committee: Committee, *, seat: DelegateSeat | None, role: Role | None) -> int:
    if (seat is None) == (role is None):
        raise RuleViolation(_("A recall is about one delegate seat or one officer role."))
    if seat is not None and (seat.committee_id != committee.pk or seat.ended_at is not None):
        raise RuleViolation(_("That seat is not held by a delegate of this committee."))
    if role is not None and (role.committee_id != committee.pk or role.ended_at is not None):
        raise RuleViolation(_("That role is not held in this committee."))
    target = seat if seat is not None else role
    assert target is not None
    return target.person_id


def _lapse_due(
    committee: Committee, *, seat: DelegateSeat | None, role: Role | None, now: datetime
) -> None:
    """A petition past its period that the tick has not lapsed yet makes room for a new one."""
    due = RecallPetition.objects.select_for_update().filter(
        committee=committee, status=RecallPetitionStatus.COLLECTING, closes_at__lte=now
    )
    due = due.filter(seat=seat) if seat is not None else due.filter(role=role)
    for petition in due:
        _lapse(petition, now=now)


def recall_petition_sign(
    *, petition: RecallPetition, by: Person, now: datetime | None = None
) -> RecallPetition:
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(petition)
        if not is_active_member(person_id=by.pk, committee_id=locked.committee_id):
            raise RuleViolation(_("Only active members can petition."))
        _sign(locked, person=by, now=now)
    return locked


def _locked(petition: RecallPetition) -> RecallPetition:
    return (
        RecallPetition.objects.select_for_update(of=("self",))
        .select_related("committee", "holder", "seat__parent", "role")
        .get(pk=petition.pk)
    )


def _sign(petition: RecallPetition, *, person: Person, now: datetime) -> None:
    """With the petition row locked."""
    refusal = recall_sign_refusal(petition, now=now)
    if refusal:
        raise RuleViolation(refusal)
    try:
        with transaction.atomic():
            RecallSignature.objects.create(petition=petition, person=person)
    except IntegrityError:
        raise RuleViolation(_("You have already signed this petition.")) from None
    RecallPetition.objects.filter(pk=petition.pk).update(signature_count=F("signature_count") + 1)
    petition.refresh_from_db(fields=["signature_count"])
    committee = Committee.objects.get(pk=petition.committee_id)
    needed = recall_signatures_needed(committee=committee)
    audit_record(
        verb=AuditVerb.RECALL_PETITION_SIGNED,
        actor=None,
        committee=committee,
        subject=petition.holder,
        data=_data(petition, count=petition.signature_count, needed=needed),
    )
    if petition.signature_count >= needed:
        _recall_vote_open(petition, committee=committee, now=now)


def _recall_vote_open(petition: RecallPetition, *, committee: Committee, now: datetime) -> Poll:
    """By the system: a secret yes / no / abstain vote outside a meeting, open at once for the
    bylaws' recall period. The petition and its days of signatures were the members' notice."""
    hours = bylaws_effective(committee=committee).recall_voting_hours
    poll = poll_create_recall(
        committee=committee,
        by=None,
        title=_("Recall of %(target)s") % {"target": recall_target_label(petition)},
        description=petition.reason,
        recall_seat=petition.seat,
        recall_role=petition.role,
        # Secret, except among delegates whose bylaws ask them to vote by roll call (a
        # coordinating committee recalling one of its officers): there the delegates answer
        # to the committees that sent them.
        is_secret=not roll_call_required(committee=committee),
        # From the real clock (`now` may be a test's): the shortest period, and a minute more
        # for the opening itself.
        closes_at=timezone.now() + timedelta(hours=hours, minutes=1),
    )
    poll = poll_open(poll=poll, by=None)
    petition.status = RecallPetitionStatus.SUCCEEDED
    petition.succeeded_at = now
    petition.poll = poll
    petition.save(update_fields=["status", "succeeded_at", "poll"])
    audit_record(
        verb=AuditVerb.RECALL_PETITION_SUCCEEDED,
        actor=None,
        committee=committee,
        subject=petition.holder,
        data={**_data(petition), "other_name": poll.title, "poll_id": poll.pk},
    )
    return poll


def recall_signature_withdraw(
    *, petition: RecallPetition, by: Person, now: datetime | None = None
) -> RecallPetition:
    """A signer takes their signature back, while the petition still collects."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(petition)
        refusal = recall_sign_refusal(locked, now=now)
        if refusal:
            raise RuleViolation(refusal)
        deleted, _rows = RecallSignature.objects.filter(petition=locked, person=by).delete()
        if not deleted:
            raise RuleViolation(_("You have not signed this petition."))
        RecallPetition.objects.filter(pk=locked.pk).update(signature_count=F("signature_count") - 1)
        locked.refresh_from_db(fields=["signature_count"])
        audit_record(
            verb=AuditVerb.RECALL_SIGNATURE_WITHDRAWN,
            actor=None,
            committee=locked.committee,
            subject=locked.holder,
            data=_data(locked, count=locked.signature_count),
        )
    return locked


def recall_statement_give(
    *, petition: RecallPetition, by: Person, statement: str, now: datetime | None = None
) -> RecallPetition:
    """The holder answers; the answer can be changed until the recall vote closes."""
    now = now or timezone.now()
    statement = statement.strip()
    if not statement:
        raise RuleViolation(_("Write your answer."))
    with transaction.atomic():
        locked = _locked(petition)
        if locked.holder_id != by.pk:
            raise RuleViolation(_("Only the member whose recall is asked can answer."))
        if locked.status == RecallPetitionStatus.LAPSED or (
            locked.poll is not None and locked.poll.closed_at is not None
        ):
            raise RuleViolation(_("The petition is over: the answer can no longer change."))
        locked.statement = statement[:4000]
        locked.statement_at = now
        locked.save(update_fields=["statement", "statement_at"])
        audit_record(
            verb=AuditVerb.RECALL_STATEMENT_GIVEN,
            actor=by,
            committee=locked.committee,
            data=_data(locked),
        )
    return locked


def recall_petitions_lapse(*, now: datetime | None = None) -> int:
    """Lapse every petition past its period (the tick); returns how many."""
    now = now or timezone.now()
    count = 0
    due = RecallPetition.objects.filter(
        status=RecallPetitionStatus.COLLECTING, closes_at__lte=now
    ).values_list("pk", flat=True)
    for petition_id in list(due):
        with transaction.atomic():
            locked = RecallPetition.objects.select_for_update().get(pk=petition_id)
            if locked.status == RecallPetitionStatus.COLLECTING:
                _lapse(locked, now=now)
                count += 1
    return count


def _lapse(petition: RecallPetition, *, now: datetime) -> None:
    petition.status = RecallPetitionStatus.LAPSED
    petition.lapsed_at = now
    petition.save(update_fields=["status", "lapsed_at"])
    audit_record(
        verb=AuditVerb.RECALL_PETITION_LAPSED,
        actor=None,
        committee=Committee.objects.get(pk=petition.committee_id),
        subject=petition.holder,
        data=_data(petition),
    )
