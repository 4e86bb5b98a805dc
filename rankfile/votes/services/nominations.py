"""Nominations for an election: a member puts forward a member (or themselves); the nominee
accepts and becomes a candidate, or declines. All of it while the election is a draft."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.access import is_active_member
from rankfile.core.errors import RuleViolation
from rankfile.votes.lifecycle import PollAction, poll_state_refusal
from rankfile.votes.live import poll_refresh
from rankfile.votes.models import Nomination, Poll, PollOption


def _locked_draft_election(poll: Poll) -> Poll:
    locked = Poll.objects.select_for_update().select_related("committee").get(pk=poll.pk)
    refusal = poll_state_refusal(
        action=PollAction.NOMINATE,
        kind=locked.kind,
        status=locked.status,
        closes_at=locked.closes_at,
        closed_at=locked.closed_at,
    )
    if refusal is not None:
        raise RuleViolation(refusal)
    return locked


def _is_active_member(person: Person, poll: Poll) -> bool:
    return is_active_member(person_id=person.pk, committee_id=poll.committee_id)


def nomination_create(*, poll: Poll, person: Person, by: Person) -> Nomination:
    """Nominate `person`. A member who nominates themselves has accepted already."""
    with transaction.atomic():
        locked = _locked_draft_election(poll)
        if not _is_active_member(by, locked):
            raise RuleViolation(_("Only active members nominate."))
        if not _is_active_member(person, locked):
            raise RuleViolation(
                _("%(handle)s is not an active member of this committee.")
                % {"handle": person.handle}
            )
        try:
            with transaction.atomic():
                nomination = Nomination.objects.create(poll=locked, person=person, nominated_by=by)
        except IntegrityError:
            raise RuleViolation(
                _("%(handle)s has been nominated already.") % {"handle": person.handle}
            ) from None
        audit_record(
            verb=AuditVerb.POLL_NOMINATED,
            actor=by,
            committee=locked.committee,
            subject=person,
            data={"poll_id": locked.pk, "other_name": locked.title},
        )
        if person.pk == by.pk:
            _accept(locked, nomination, person)
        poll_refresh(locked)
    return nomination


def nomination_accept(*, nomination: Nomination, by: Person) -> Nomination:
    with transaction.atomic():
        locked = _locked_draft_election(nomination.poll)
        current = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if current.person_id != by.pk:
            raise RuleViolation(_("Only the person nominated can accept."))
        if current.withdrawn_at is not None:
            raise RuleViolation(_("This nomination was withdrawn."))
        if current.accepted_at is not None:
            raise RuleViolation(_("You have accepted already."))
        if not _is_active_member(by, locked):
            raise RuleViolation(_("Only an active member can stand."))
        _accept(locked, current, by)
        poll_refresh(locked)
    return current


def _accept(poll: Poll, nomination: Nomination, person: Person) -> None:
    nomination.accepted_at = timezone.now()
    nomination.save(update_fields=["accepted_at"])
    last = PollOption.objects.filter(poll=poll).aggregate(last=Max("position"))["last"] or 0
    PollOption.objects.create(poll=poll, label=person.handle, person=person, position=last + 1)
    audit_record(
        verb=AuditVerb.POLL_NOMINATION_ACCEPTED,
        actor=person,
        committee=poll.committee,
        subject=person,
        data={"poll_id": poll.pk, "other_name": poll.title},
    )


def nomination_withdraw(*, nomination: Nomination, by: Person) -> Nomination:
    """The nominee declines (or withdraws their candidacy) before the vote opens."""
    with transaction.atomic():
        locked = _locked_draft_election(nomination.poll)
        current = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if current.person_id != by.pk:
            raise RuleViolation(_("Only the person nominated can withdraw."))
        if current.withdrawn_at is not None:
            raise RuleViolation(_("This nomination was withdrawn already."))
        current.withdrawn_at = timezone.now()
        current.save(update_fields=["withdrawn_at"])
        PollOption.objects.filter(poll=locked, person_id=by.pk).delete()
        audit_record(
            verb=AuditVerb.POLL_NOMINATION_WITHDRAWN,
            actor=by,
            committee=locked.committee,
            subject=by,
            data={"poll_id": locked.pk, "other_name": locked.title},
        )
        poll_refresh(locked)
    return current
