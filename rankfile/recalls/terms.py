"""Delegate terms. A seat is given `term_ends_at` from the bylaws' `delegate_term_months` when
it is assigned (committees.services.seat_assign). TERM_NOTICE before the end the committee is
told and a by-election is prepared, once per seat (`TermNotice`); a seat past its term ends
(reason: term). Both run in `rankfile recalls_tick`."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.models import DelegateSeat, SeatEndReason
from rankfile.committees.notify import notify_committee_members
from rankfile.committees.services import seat_end
from rankfile.core.errors import RuleViolation
from rankfile.core.notify import NotificationKind
from rankfile.recalls.lifecycle import moment
from rankfile.recalls.models import TermNotice
from rankfile.recalls.outcomes import by_election_prepare_seat

TERM_NOTICE = timedelta(days=14)


def terms_tick(*, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    outcome = {"noticed": 0, "ended": 0}
    ending = (
        DelegateSeat.objects.filter(
            ended_at__isnull=True, term_ends_at__isnull=False, term_ends_at__lte=now + TERM_NOTICE
        )
        .exclude(pk__in=TermNotice.objects.values("seat_id"))
        .select_related("parent", "committee", "person")
    )
    for seat in ending:
        if _term_notice(seat):
            outcome["noticed"] += 1
    past = DelegateSeat.objects.filter(ended_at__isnull=True, term_ends_at__lte=now)
    for seat in past:
        try:
            seat_end(seat=seat, by=None, reason=SeatEndReason.TERM)
        except RuleViolation:
            continue  # ended meanwhile
        outcome["ended"] += 1
    return outcome


def _term_notice(seat: DelegateSeat) -> bool:
    with transaction.atomic():
        notice, created = TermNotice.objects.get_or_create(seat=seat)
        if not created:
            return False
        notice.by_election = by_election_prepare_seat(
            committee_id=seat.committee_id, parent=seat.parent
        )
        notice.save(update_fields=["by_election"])
        assert seat.term_ends_at is not None
        values = {
            "holder": seat.person.handle,
            "parent": seat.parent.name,
            "when": moment(seat.term_ends_at),
        }
        audit_record(
            verb=AuditVerb.SEAT_TERM_ENDING,
            actor=None,
            committee=seat.committee,
            subject=seat.person,
            data={"other_name": seat.parent.name, "seat_id": seat.pk},
        )
        notify_committee_members(
            committee_id=seat.committee_id,
            kind=NotificationKind.RECALLS_AND_TERMS,
            subject=_("A delegate's term ends soon"),
            body=_(
                "The term of %(holder)s as delegate to %(parent)s ends on %(when)s. A "
                "by-election is prepared: members can stand for the seat."
            )
            % values,
        )
    return True
