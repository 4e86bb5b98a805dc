"""Strike campaigns, pledges that nobody can list, strike reports and the aggregate rows that the
roll-ups read.

Privacy is carried by the shape of `Pledge`: no person, no timestamp, no sequence. Everything
else here is either about a committee (reports, endorsements) or a count.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rankfile.committees.models import Committee


class CampaignStatus(models.TextChoices):
    COLLECTING = "collecting", _("Collecting pledges")
    TRIGGERED = "triggered", _("Triggered")
    NOT_REACHED = "not_reached", _("Conditions not reached")
    ENDED = "ended", _("Ended")


class Demand(models.Model):
    """A short statement that campaigns (and later resolutions) refer to, so that a demand can be
    counted across committees. `key` is the normalised form that makes two wordings one demand."""

    text = models.CharField(_("demand"), max_length=200)
    key = models.CharField(max_length=200, unique=True)

    def __str__(self) -> str:
        return self.text


class Campaign(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="campaigns")
    title = models.CharField(_("title"), max_length=160)
    demands: models.ManyToManyField[Demand, CampaignDemand] = models.ManyToManyField(
        Demand, through="CampaignDemand", related_name="campaigns"
    )
    starts_on = models.DateField(_("action starts on"))
    ends_on = models.DateField(_("action ends on"), null=True, blank=True)
    # The trigger: at least `threshold_percent` % of the workforce of at least
    # `threshold_workplaces` base committees have pledged, before `deadline_at`.
    # All three are set, or none (a campaign called without conditions).
    threshold_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    threshold_workplaces = models.PositiveIntegerField(null=True, blank=True)
    deadline_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=CampaignStatus.choices)
    # Base committees meeting the threshold, as last computed under the campaign lock. A cache
    # for the trigger check; the exact figure is recomputed before the campaign triggers.
    workplaces_ready = models.PositiveIntegerField(default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    triggered_at = models.DateTimeField(null=True, blank=True)
    not_reached_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        threshold_percent__isnull=True,
                        threshold_workplaces__isnull=True,
                        deadline_at__isnull=True,
                    )
                    | Q(
                        threshold_percent__gte=1,
                        threshold_percent__lte=100,
                        threshold_workplaces__gte=1,
                        deadline_at__isnull=False,
                    )
                ),
                name="campaign_conditions_all_or_none",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_conditions(self) -> bool:
        return self.threshold_percent is not None


class CampaignDemand(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="demand_links")
    demand = models.ForeignKey(Demand, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "demand"], name="campaign_demand_unique")
        ]


class Pledge(models.Model):
    """One person's pledge, which nobody can trace back to them.

    No person, no timestamp, no sequence: the primary key is random and `holder` is an HMAC of
    the person's id and the campaign's id under `settings.PLEDGE_KEY`, a key kept outside the
    database. The person finds their pledge by recomputing it; nothing maps it back.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    holder = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["holder", "campaign"], name="pledge_holder_unique")
        ]


class PledgeCount(models.Model):
    """How many pledges count for a base committee; kept in step with `Pledge` in the same
    transaction. `is_ready` says whether it met the campaign's threshold with the workforce
    estimate of that moment (refreshed by every pledge there and by the scheduled tick)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)
    is_ready = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "committee"], name="pledge_count_unique")
        ]


class StrikeStatus(models.TextChoices):
    OUT = "out", _("Out on strike")
    PARTIAL = "partial", _("Partly out")
    WORKING = "working", _("Working")


class StrikeReport(models.Model):
    """A base committee's status during the action, append-only. Who reported it is in that
    committee's own audit log only."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=StrikeStatus.choices)
    workers_out = models.PositiveIntegerField(default=0)
    reported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["campaign", "committee", "-reported_at"])]


class StrikeState(models.Model):
    """The latest report of each base committee, so that the roll-up reads one row each."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=StrikeStatus.choices)
    workers_out = models.PositiveIntegerField(default=0)
    reported_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "committee"], name="strike_state_unique")
        ]


class CampaignDay(models.Model):
    """What changed in one base committee's figures for a campaign on one (local) day.

    The figures on day d are the sums of the changes up to d, so the history of any committee
    is one grouped sum over the committees beneath it. Written in the same transaction as the
    pledge or report that changed them. Rows carry no person and at most one per committee and
    day, so they tell no more than the daily counts the charts show anyway.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    pledged = models.IntegerField(default=0)
    ready = models.IntegerField(default=0)
    out = models.IntegerField(default=0)
    partial = models.IntegerField(default=0)
    working = models.IntegerField(default=0)
    workers_out = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "committee", "day"], name="campaign_day_unique"
            )
        ]


class Endorsement(models.Model):
    """A committee's support for a campaign, by an officer's recorded decision."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="endorsements")
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    endorsed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "committee"], name="endorsement_unique")
        ]
