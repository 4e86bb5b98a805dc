"""Motions, amendments and resolutions.

An amendment is a motion on a motion (`amends`): it is moved, seconded and voted like any
motion (the votes app polls it through the same `Poll.motion` link) and, if carried, applied
to the text of the motion it amends. An adopted motion that is not an amendment is a
resolution, numbered per committee, that can be forwarded to the committees above.

Lifecycle rules and the reasons a change is not allowed yet live in `lifecycle.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rankfile.committees.models import Committee
from rankfile.strikes.models import Demand


class MotionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SECONDED = "seconded", _("Seconded")
    ON_AGENDA = "on_agenda", _("On the agenda")
    VOTING = "voting", _("Being voted on")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


DECIDED_STATUSES = (MotionStatus.ADOPTED, MotionStatus.REJECTED, MotionStatus.WITHDRAWN)


class AmendmentKind(models.TextChoices):
    REPLACE = "replace", _("Replace words")
    INSERT = "insert", _("Insert words")
    DELETE = "delete", _("Delete words")


class MotionKind(models.TextChoices):
    """What an adopted motion does besides becoming a resolution: each kind's effect is applied
    by the app that owns it, as a "motion.<kind>" decision (rankfile.core.decisions)."""

    ORDINARY = "ordinary", _("Motion")
    BYLAWS = "bylaws", _("Change of bylaws")
    MINUTES = "minutes", _("Approval of minutes")
    CAMPAIGN_START = "campaign_start", _("Start of a strike campaign")
    ENDORSE = "endorse", _("Endorsement")
    MANDATE = "mandate", _("Mandate for our delegates")


class Motion(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="motions")
    title = models.CharField(_("title"), max_length=160)
    text = models.TextField(_("text"), max_length=10000)
    # The text as submitted; `text` changes as carried amendments are applied.
    original_text = models.TextField(blank=True, default="")
    demands: models.ManyToManyField[Demand, MotionDemand] = models.ManyToManyField(
        Demand, through="MotionDemand", related_name="motions"
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=MotionStatus.choices)
    kind = models.CharField(max_length=16, choices=MotionKind.choices, default=MotionKind.ORDINARY)
    # What the kind's effect needs (new bylaw values, the minutes, the campaign...), as given to
    # the decision's handler when the motion is adopted.
    effect = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    seconded_at = models.DateTimeField(null=True, blank=True)
    on_agenda_at = models.DateTimeField(null=True, blank=True)
    voting_at = models.DateTimeField(null=True, blank=True)
    adopted_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The meeting whose agenda the motion is on (an amendment: where it was voted).
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="motions",
    )
    resolution_number = models.PositiveIntegerField(null=True, blank=True)
    # Amendments only.
    amends = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="amendments"
    )
    amendment_kind = models.CharField(max_length=8, choices=AmendmentKind.choices, blank=True)
    # replace / delete: the words to change, found exactly once in the motion's text.
    # insert: the words after which the new text goes (empty: at the end).
    target_text = models.TextField(blank=True, default="", max_length=2000)
    new_text = models.TextField(blank=True, default="", max_length=4000)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "resolution_number"],
                condition=Q(resolution_number__isnull=False),
                name="motion_resolution_number_unique",
            ),
        ]
        indexes = [models.Index(fields=["committee", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_amendment(self) -> bool:
        return self.amends_id is not None

    @property
    def is_resolution(self) -> bool:
        return self.resolution_number is not None


class MotionDemand(models.Model):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="demand_links")
    demand = models.ForeignKey(Demand, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["motion", "demand"], name="motion_demand_unique")
        ]
        ordering = ["position"]


class Seconding(models.Model):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="secondings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seconded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["motion", "person"], name="seconding_unique")
        ]


class MotionComment(models.Model):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


class Forwarding(models.Model):
    """A resolution sent to a committee above, where other committees may endorse it."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="forwardings")
    parent = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="forwarded_in")
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    forwarded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["motion", "parent"], name="forwarding_unique")
        ]


class ResolutionEndorsement(models.Model):
    """A committee under the parent endorses a forwarded resolution (the committee that adopted
    it endorses it by adopting it, without a row)."""

    forwarding = models.ForeignKey(
        Forwarding, on_delete=models.CASCADE, related_name="endorsements"
    )
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    endorsed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["forwarding", "committee"], name="resolution_endorsement_unique"
            )
        ]
