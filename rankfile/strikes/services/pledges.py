"""Pledging and withdrawing, without leaving a trace of who did it.

What a pledge writes: one `Pledge` row (random key, the committee, an HMAC holder), one counter
and one daily-history row changed by one. No audit event (it would name the actor), no log
line, no timestamp. What it returns: nothing that a caller could store.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.committees.models import (
    BASE_KINDS,
    Committee,
    CommitteeClosure,
    Membership,
)
from rankfile.core.errors import RuleViolation
from rankfile.strikes.holders import pledge_holder
from rankfile.strikes.lifecycle import Action, campaign_refusal
from rankfile.strikes.models import Campaign, Pledge, PledgeCount
from rankfile.strikes.readiness import meets_threshold
from rankfile.strikes.services.campaigns import campaign_lock, campaign_settle
from rankfile.strikes.services.days import campaign_day_add


def pledge_committee_refusal(
    *, campaign: Campaign, person: Person, committee: Committee
) -> str | None:
    """Why the person's pledge cannot count for this committee, or None. One query."""
    if committee.kind not in BASE_KINDS:
        return _("A pledge counts for a workplace, school or neighbourhood committee.")
    is_covered, is_member = (
        Committee.objects.filter(pk=committee.pk)
        .annotate(
            is_covered=Exists(
                CommitteeClosure.objects.filter(
                    ancestor_id=campaign.committee_id, descendant_id=OuterRef("pk")
                )
            ),
            is_member=Exists(
                Membership.objects.active().filter(person_id=person.pk, committee_id=OuterRef("pk"))
            ),
        )
        .values_list("is_covered", "is_member")
        .get()
    )
    if not is_covered:
        return _("%(name)s is not covered by this campaign.") % {"name": committee.name}
    if not is_member:
        return _("Only active members of %(name)s can pledge for it.") % {"name": committee.name}
    return None


def pledge_make(*, campaign: Campaign, person: Person, committee: Committee) -> None:
    """Pledge to strike when the conditions are met, counted for `committee` (where the person
    is an active member). One pledge per person and campaign."""
    refusal = _pledge_change(campaign=campaign, person=person, committee=committee, step=+1)
    if refusal is not None:
        raise RuleViolation(refusal)


def pledge_withdraw(*, campaign: Campaign, person: Person) -> None:
    """Withdraw the person's pledge; allowed until the campaign triggers."""
    refusal = _pledge_change(campaign=campaign, person=person, committee=None, step=-1)
    if refusal is not None:
        raise RuleViolation(refusal)


def _pledge_change(
    *, campaign: Campaign, person: Person, committee: Committee | None, step: int
) -> str | None:
    """One transaction with the campaign row locked: settle what the clock decided (the
    deadline), check the rules, change the pledge and the counts, check the trigger.

    A refusal is returned rather than raised, so that a transition the clock decided (the
    deadline passed) is committed even though the pledge itself is refused."""
    now = timezone.now()
    holder = pledge_holder(person_id=person.pk, campaign_id=campaign.pk)
    try:
        with transaction.atomic():
            locked = campaign_lock(campaign.pk)
            campaign_settle(locked, now=now, recount=False)
            refusal = campaign_refusal(
                locked, action=Action.PLEDGE if step > 0 else Action.WITHDRAW, now=now
            )
            if refusal is not None:
                return refusal
            existing = Pledge.objects.filter(campaign_id=locked.pk, holder=holder).first()
            if step > 0:
                assert committee is not None
                if existing is not None:
                    return _("You have already pledged. Withdraw first to count elsewhere.")
                refusal = pledge_committee_refusal(
                    campaign=locked, person=person, committee=committee
                )
                if refusal is not None:
                    return refusal
                Pledge.objects.create(
                    campaign_id=locked.pk, committee_id=committee.pk, holder=holder
                )
                counted_for = committee.pk
            else:
                if existing is None:
                    return _("You have no pledge to withdraw.")
                counted_for = existing.committee_id
                existing.delete()
            _count_change(locked, committee_id=counted_for, step=step)
            campaign_settle(locked, now=now, recount=False)
    except IntegrityError:
        # The unique (campaign, holder) constraint: the same person pledging twice at once on a
        # backend that let both through the lock. The second one loses.
        return _("You have already pledged. Withdraw first to count elsewhere.")
    return None


def _count_change(locked: Campaign, *, committee_id: int, step: int) -> None:
    """Move the committee's counter by one, re-check its threshold with its current workforce
    estimate, and record both in today's history row. Every writer of these rows holds the
    campaign lock, so the count read here is the count the update changes."""
    counter = (
        PledgeCount.objects.select_for_update(of=("self",))
        .select_related("committee")
        .filter(campaign_id=locked.pk, committee_id=committee_id)
        .first()
    )
    if counter is None:
        workforce = (
            Committee.objects.filter(pk=committee_id)
            .values_list("workforce_estimate", flat=True)
            .get()
        )
        count, was_ready = step, False
    else:
        workforce = counter.committee.workforce_estimate
        count, was_ready = counter.count + step, counter.is_ready
    is_ready = meets_threshold(pledged=count, workforce=workforce, percent=locked.threshold_percent)
    if counter is None:
        PledgeCount.objects.create(
            campaign_id=locked.pk, committee_id=committee_id, count=count, is_ready=is_ready
        )
    else:
        PledgeCount.objects.filter(pk=counter.pk).update(count=F("count") + step, is_ready=is_ready)
    ready_change = int(is_ready) - int(was_ready)
    if ready_change:
        Campaign.objects.filter(pk=locked.pk).update(
            workplaces_ready=F("workplaces_ready") + ready_change
        )
        locked.workplaces_ready += ready_change
    campaign_day_add(
        campaign_id=locked.pk,
        committee_id=committee_id,
        day=timezone.localdate(),
        pledged=step,
        ready=ready_change,
    )
