"""Mandates up, report-back down.

A member committee decides how its delegates vote on what a committee above has put on its
agenda: a **mandate**, adopted as a motion of kind "mandate" and recorded here when the motion
is adopted (the latest adopted mandate on a question replaces the earlier one). After each
meeting of a committee above, every committee that sends delegates to it gets a
**report-back**: what was decided, how its delegates voted against their mandates, and the
delegates' own written report; it goes on the agenda of the member committee's next meeting.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rankfile.committees.models import Committee


class MandatePosition(models.TextChoices):
    YES = "yes", _("vote yes")
    NO = "no", _("vote no")
    ABSTAIN = "abstain", _("abstain")
    FREE = "free", _("free vote")


class Mandate(models.Model):
    """How the delegates of `committee` are to vote on a motion (or a yes / no vote) of
    `parent`. Exactly one of `motion` and `poll` is set."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="mandates")
    parent = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    motion = models.ForeignKey(
        "motions.Motion", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    poll = models.ForeignKey(
        "votes.Poll", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    position = models.CharField(max_length=8, choices=MandatePosition.choices)
    # The member committee's motion that adopted the mandate.
    source = models.ForeignKey(
        "motions.Motion", null=True, on_delete=models.SET_NULL, related_name="mandates_adopted"
    )
    adopted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(motion__isnull=True) ^ Q(poll__isnull=True),
                name="mandate_one_target",
            ),
            models.UniqueConstraint(
                fields=["committee", "motion"],
                condition=Q(motion__isnull=False),
                name="mandate_one_per_motion",
            ),
            models.UniqueConstraint(
                fields=["committee", "poll"],
                condition=Q(poll__isnull=False),
                name="mandate_one_per_poll",
            ),
        ]


class ReportBack(models.Model):
    """What a meeting of `parent_meeting`'s committee means for one member committee. `content`
    holds titles, states and votes, no sentences (read in each member's language); `agenda_item`
    is set when it is put on the agenda of the member committee's next meeting."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="reports_back")
    parent_meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="reports_back"
    )
    content = models.JSONField(default=dict)
    # The delegates' own written report.
    report = models.TextField(_("the delegates' report"), blank=True, default="", max_length=8000)
    report_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    report_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    agenda_item = models.OneToOneField(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_back",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "parent_meeting"], name="report_back_unique"
            )
        ]
        indexes = [models.Index(fields=["committee", "-created_at"])]
