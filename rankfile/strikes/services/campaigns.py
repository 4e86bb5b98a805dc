"""Starting, evaluating and endorsing campaigns. Every writer of a campaign's aggregate rows
(pledges, reports, the tick) holds the campaign row lock, so those rows never race."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.db import transaction
from django.db.models import BooleanField, Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.models import AuditEvent
from rankfile.audit.services import audit_record, audit_record_both
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.models import BASE_KINDS, Committee, CommitteeClosure
from rankfile.core.errors import RuleViolation
from rankfile.strikes.lifecycle import Action, campaign_deadline_passed, campaign_refusal
from rankfile.strikes.models import (
    Campaign,
    CampaignDemand,
    CampaignStatus,
    Demand,
    Endorsement,
    Pledge,
    PledgeCount,
)
from rankfile.strikes.services.days import campaign_day_add
from rankfile.strikes.services.notify import notify_on_commit

MAX_DEMANDS = 12


def demand_key(text: str) -> str:
    """Two wordings that differ only in case, spacing or final punctuation are one demand."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".!;,").strip().casefold()


def demands_find_or_create(texts: list[str]) -> list[Demand]:
    demands: list[Demand] = []
    for text in texts:
        shown = re.sub(r"\s+", " ", text).strip()
        key = demand_key(shown)
        if not key or any(d.key == key for d in demands):
            continue
        demand, _created = Demand.objects.get_or_create(key=key, defaults={"text": shown[:200]})
        demands.append(demand)
    return demands


def campaign_start(
    *,
    committee: Committee,
    by: Person | None,
    title: str,
    demands: list[str],
    starts_on: date,
    ends_on: date | None = None,
    threshold_percent: int | None = None,
    threshold_workplaces: int | None = None,
    deadline_at: datetime | None = None,
) -> Campaign:
    """Start a campaign covering every base committee under `committee`, once its members (its
    delegates, in a coordinating committee) have adopted a motion to (the "motion.campaign_start"
    decision; `by` is who proposed it). With conditions it collects pledges until they are met
    or the deadline passes; without, it is called at once."""
    has_conditions = _conditions_checked(
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        threshold_percent=threshold_percent,
        threshold_workplaces=threshold_workplaces,
        deadline_at=deadline_at,
    )
    with transaction.atomic():
        found = demands_find_or_create(demands[:MAX_DEMANDS])
        if not found:
            raise RuleViolation(_("State at least one demand."))
        campaign = Campaign.objects.create(
            committee=committee,
            title=title.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            threshold_percent=threshold_percent,
            threshold_workplaces=threshold_workplaces,
            deadline_at=deadline_at,
            status=CampaignStatus.COLLECTING if has_conditions else CampaignStatus.TRIGGERED,
            started_by=by,
        )
        CampaignDemand.objects.bulk_create(
            CampaignDemand(campaign=campaign, demand=demand, position=position)
            for position, demand in enumerate(found)
        )
        audit_record(
            verb=AuditVerb.CAMPAIGN_STARTED,
            actor=by,
            committee=committee,
            data={"campaign_id": campaign.pk, "other_name": campaign.title},
        )
        if not has_conditions:
            _trigger(campaign, now=campaign.started_at, workplaces_ready=0, event="called")
    return campaign


def campaign_terms_refusal(
    *,
    title: str,
    demands: list[str],
    starts_on: date,
    ends_on: date | None,
    threshold_percent: int | None,
    threshold_workplaces: int | None,
    deadline_at: datetime | None,
) -> str | None:
    """Why a campaign with these terms cannot be started, or None (checked when the members
    are asked to start it, and again when `campaign_start` runs on their decision)."""
    try:
        _conditions_checked(
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
            threshold_percent=threshold_percent,
            threshold_workplaces=threshold_workplaces,
            deadline_at=deadline_at,
        )
    except RuleViolation as refusal:
        return refusal.message
    if not any(demand.strip() for demand in demands):
        return _("State at least one demand.")
    return None


def _conditions_checked(
    *,
    title: str,
    starts_on: date,
    ends_on: date | None,
    threshold_percent: int | None,
    threshold_workplaces: int | None,
    deadline_at: datetime | None,
) -> bool:
    """Refuse a campaign that cannot be run; say whether it has conditions to meet."""
    conditions = (threshold_percent, threshold_workplaces, deadline_at)
    has_conditions = all(value is not None for value in conditions)
    if not has_conditions and any(value is not None for value in conditions):
        raise RuleViolation(
            _("Give the share, the number of workplaces and the deadline, or none.")
        )
    if not title.strip():
        raise RuleViolation(_("Give the campaign a title."))
    if ends_on is not None and ends_on < starts_on:
        raise RuleViolation(_("The action cannot end before it starts."))
    if has_conditions:
        assert threshold_percent is not None and threshold_workplaces is not None
        assert deadline_at is not None
        if not 1 <= threshold_percent <= 100:
            raise RuleViolation(_("The share of the workforce is between 1 and 100 %."))
        if threshold_workplaces < 1:
            raise RuleViolation(_("At least one workplace must meet the share."))
        if deadline_at <= timezone.now():
            raise RuleViolation(_("The deadline must be in the future."))
        if timezone.localdate(deadline_at) > starts_on:
            raise RuleViolation(_("The deadline must come before the action starts."))
    return has_conditions


def campaign_lock(campaign_id: int) -> Campaign:
    """The campaign row, locked until the transaction ends (its committee is read, not locked)."""
    return (
        Campaign.objects.select_for_update(of=("self",))
        .select_related("committee")
        .get(pk=campaign_id)
    )


def campaign_evaluate(*, campaign: Campaign, now: datetime | None = None) -> Campaign:
    """Bring a campaign's state up to date: trigger it if its conditions are met, close it as
    not reached at the deadline, end it after its end date. Run by the scheduled tick; pledges
    and withdrawals run the same checks in their own transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = campaign_lock(campaign.pk)
        campaign_settle(locked, now=now, recount=True)
    return locked


def campaign_settle(locked: Campaign, *, now: datetime, recount: bool) -> None:
    """The transitions that time and the counts decide. The caller holds the campaign lock.

    Without `recount`, the exact (and, at scale, slower) count of ready workplaces runs only
    when the cached count says the conditions may be met."""
    if locked.status == CampaignStatus.COLLECTING:
        if recount or locked.workplaces_ready >= (locked.threshold_workplaces or 0):
            readiness_reconcile(locked)
        if locked.workplaces_ready >= (locked.threshold_workplaces or 0) and (
            not campaign_deadline_passed(locked, now=now)
        ):
            _trigger(locked, now=now, workplaces_ready=locked.workplaces_ready)
        elif campaign_deadline_passed(locked, now=now):
            _not_reached(locked, now=now)
    if (
        locked.status == CampaignStatus.TRIGGERED
        and locked.ends_on is not None
        and timezone.localdate(now) > locked.ends_on
    ):
        _end(locked, now=now)


def readiness_reconcile(locked: Campaign) -> None:
    """Recompute which base committees meet the threshold with today's workforce estimates and
    today's federation, fix the flags (recording the change in today's history) and the cached
    count. Only the rows that changed are written. The caller holds the campaign lock."""
    percent = locked.threshold_percent or 0
    under = CommitteeClosure.objects.filter(
        ancestor_id=locked.committee_id, descendant_id=OuterRef("committee_id")
    )
    truth = Case(
        When(
            Q(Exists(under))
            & Q(committee__kind__in=BASE_KINDS)
            & Q(committee__workforce_estimate__gt=0)
            & Q(pledged_x100__gte=F("needed_x100")),
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(),
    )
    changed = list(
        PledgeCount.objects.filter(campaign_id=locked.pk)
        .annotate(
            pledged_x100=F("count") * 100,
            needed_x100=F("committee__workforce_estimate") * percent,
            truth=truth,
        )
        .exclude(is_ready=F("truth"))
        .values_list("pk", "committee_id", "truth")
    )
    today = timezone.localdate()
    for pk, committee_id, is_ready in changed:
        PledgeCount.objects.filter(pk=pk).update(is_ready=is_ready)
        campaign_day_add(
            campaign_id=locked.pk, committee_id=committee_id, day=today, ready=1 if is_ready else -1
        )
    ready = PledgeCount.objects.filter(campaign_id=locked.pk, is_ready=True).count()
    if ready != locked.workplaces_ready:
        locked.workplaces_ready = ready
        locked.save(update_fields=["workplaces_ready"])


def _trigger(
    locked: Campaign, *, now: datetime, workplaces_ready: int, event: str = "triggered"
) -> None:
    """The strike is on: its conditions are met ("triggered") or it has none ("called")."""
    locked.status = CampaignStatus.TRIGGERED
    locked.triggered_at = now
    locked.save(update_fields=["status", "triggered_at"])
    data = {
        "campaign_id": locked.pk,
        "other_name": locked.title,
        "workplaces_ready": workplaces_ready,
    }
    verb = AuditVerb.CAMPAIGN_CALLED if event == "called" else AuditVerb.CAMPAIGN_TRIGGERED
    audit_record(verb=verb, actor=None, committee=locked.committee, data=data)
    _tell_committees_below(locked, verb=verb, data=data)
    notify_on_commit(campaign_id=locked.pk, event=event)


def _not_reached(locked: Campaign, *, now: datetime) -> None:
    """At the deadline without the conditions: release every pledge. The rows are deleted, so
    not even the holder of the key can test any more who pledged; the counts stay as the
    record of how far the campaign came."""
    locked.status = CampaignStatus.NOT_REACHED
    locked.not_reached_at = now
    locked.save(update_fields=["status", "not_reached_at"])
    released, _by_model = Pledge.objects.filter(campaign_id=locked.pk).delete()
    data = {
        "campaign_id": locked.pk,
        "other_name": locked.title,
        "workplaces_ready": locked.workplaces_ready,
        "pledges_released": released,
    }
    audit_record(
        verb=AuditVerb.CAMPAIGN_NOT_REACHED, actor=None, committee=locked.committee, data=data
    )
    _tell_committees_below(locked, verb=AuditVerb.CAMPAIGN_NOT_REACHED, data=data)
    notify_on_commit(campaign_id=locked.pk, event="not_reached")


def _end(locked: Campaign, *, now: datetime) -> None:
    """After the end date the pledges have served: delete them, keep the counts."""
    locked.status = CampaignStatus.ENDED
    locked.ended_at = now
    locked.save(update_fields=["status", "ended_at"])
    Pledge.objects.filter(campaign_id=locked.pk).delete()
    audit_record(
        verb=AuditVerb.CAMPAIGN_ENDED,
        actor=None,
        committee=locked.committee,
        data={"campaign_id": locked.pk, "other_name": locked.title},
    )


def _tell_committees_below(locked: Campaign, *, verb: AuditVerb, data: dict[str, object]) -> None:
    """The same system event in the log of every committee under the campaign's, so that each
    committee's members read it there. One bulk insert: a federation-wide campaign covers tens
    of thousands of committees, and `audit_record` writes one row per call."""
    below = (
        CommitteeClosure.objects.filter(ancestor_id=locked.committee_id, depth__gt=0)
        .values_list("descendant_id", flat=True)
        .iterator(chunk_size=5000)
    )
    AuditEvent.objects.bulk_create(
        (
            AuditEvent(verb=verb, actor=None, is_by_system=True, committee_id=pk, data=data)
            for pk in below
        ),
        batch_size=2000,
    )


def campaign_endorse_refusal(campaign: Campaign, *, committee: Committee) -> str | None:
    """Why `committee` cannot endorse the campaign now, or None (checked when its members are
    asked, and again when they have decided)."""
    reason = campaign_refusal(campaign, action=Action.ENDORSE)
    if reason is not None:
        return reason
    if committee.pk == campaign.committee_id:
        return _("The committee that started the campaign supports it already.")
    if not CommitteeClosure.objects.filter(
        ancestor_id=campaign.committee_id, descendant_id=committee.pk
    ).exists():
        return _("Only committees the campaign covers can endorse it.")
    if Endorsement.objects.filter(campaign=campaign, committee=committee).exists():
        return _("%(name)s has already endorsed this campaign.") % {"name": committee.name}
    return None


def campaign_endorse(*, campaign: Campaign, committee: Committee, by: Person | None) -> Endorsement:
    """A committee under the campaign's endorses it, once its members have adopted a motion to
    (the "motion.endorse" decision; `by` is who closed that vote)."""
    with transaction.atomic():
        locked = campaign_lock(campaign.pk)
        reason = campaign_endorse_refusal(locked, committee=committee)
        if reason is not None:
            raise RuleViolation(reason)
        endorsement, created = Endorsement.objects.get_or_create(
            campaign=locked, committee=committee
        )
        if not created:
            raise RuleViolation(
                _("%(name)s has already endorsed this campaign.") % {"name": committee.name}
            )
        # In the campaign committee's log the endorsing committee speaks, not its officer.
        audit_record_both(
            verb=AuditVerb.CAMPAIGN_ENDORSED,
            other_verb=AuditVerb.CAMPAIGN_ENDORSEMENT_RECEIVED,
            actor=by,
            committee=committee,
            other_committee=locked.committee,
            data={"campaign_id": locked.pk, "other_name": locked.title},
            other_data={
                "campaign_id": locked.pk,
                "other_id": committee.pk,
                "other_name": committee.name,
            },
            is_other_by_system=True,
        )
    return endorsement
