"""Strike reports: a base committee's officers say where it stands during the action."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.models import BASE_KINDS, Committee, CommitteeClosure
from rankfile.core.errors import RuleViolation
from rankfile.strikes.lifecycle import Action, campaign_refusal
from rankfile.strikes.models import Campaign, StrikeReport, StrikeState, StrikeStatus
from rankfile.strikes.services.campaigns import campaign_lock, campaign_settle
from rankfile.strikes.services.days import campaign_day_add

MAX_WORKERS = 10_000_000


def strike_report(
    *, campaign: Campaign, committee: Committee, by: Person, status: str, workers_out: int
) -> StrikeReport:
    """Record the committee's status now. Appends to its history (never edited), replaces its
    current state and adds the difference to today's history row."""
    if status not in StrikeStatus.values:
        raise RuleViolation(_("Choose out, partly out or working."))
    if status == StrikeStatus.WORKING:
        workers_out = 0
    elif not 1 <= workers_out <= MAX_WORKERS:
        raise RuleViolation(_("Say how many are out: at least one."))
    now = timezone.now()
    with transaction.atomic():
        locked = campaign_lock(campaign.pk)
        campaign_settle(locked, now=now, recount=False)
        refusal = _report_refusal(locked, committee=committee, now=now)
        if refusal is None:
            report = StrikeReport.objects.create(
                campaign=locked,
                committee=committee,
                status=status,
                workers_out=workers_out,
                reported_at=now,
            )
            changes = _state_replace(
                locked, committee=committee, status=status, workers_out=workers_out, now=now
            )
            campaign_day_add(
                campaign_id=locked.pk,
                committee_id=committee.pk,
                day=timezone.localdate(now),
                **changes,
            )
            audit_record(
                verb=AuditVerb.STRIKE_REPORTED,
                actor=by,
                committee=committee,
                data={
                    "campaign_id": locked.pk,
                    "other_name": locked.title,
                    "status": status,
                    "workers_out": workers_out,
                },
            )
    # Raised after the commit: what the clock settled above stands even when the report is
    # refused.
    if refusal is not None:
        raise RuleViolation(refusal)
    return report


def _report_refusal(locked: Campaign, *, committee: Committee, now: datetime) -> str | None:
    refusal = campaign_refusal(locked, action=Action.REPORT, now=now)
    if refusal is None and (
        committee.kind not in BASE_KINDS
        or not CommitteeClosure.objects.filter(
            ancestor_id=locked.committee_id, descendant_id=committee.pk
        ).exists()
    ):
        refusal = _("Only workplaces, schools and neighbourhoods the campaign covers report.")
    return refusal


def _state_replace(
    locked: Campaign, *, committee: Committee, status: str, workers_out: int, now: datetime
) -> dict[str, int]:
    """Make the report the committee's current state; return how each of today's figures
    changes."""
    previous = (
        StrikeState.objects.select_for_update().filter(campaign=locked, committee=committee).first()
    )
    changes = {
        "out": int(status == StrikeStatus.OUT),
        "partial": int(status == StrikeStatus.PARTIAL),
        "working": int(status == StrikeStatus.WORKING),
        "workers_out": workers_out,
    }
    if previous is None:
        StrikeState.objects.create(
            campaign=locked,
            committee=committee,
            status=status,
            workers_out=workers_out,
            reported_at=now,
        )
    else:
        changes[previous.status] -= 1
        changes["workers_out"] -= previous.workers_out
        previous.status = status
        previous.workers_out = workers_out
        previous.reported_at = now
        previous.save(update_fields=["status", "workers_out", "reported_at"])
    return changes
