"""Recall by petition: members ask for a vote to end a delegate seat or an officer role.

When the share of active members the bylaws set (`recall_petition_percent`) have signed, the
recall vote opens by itself (rankfile.recalls.services). Signatures are counted, never listed,
as for the petition for an emergency meeting: a signature row exists so that nobody signs twice
and a signer can withdraw. See docs/recalls.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rankfile.committees.models import Committee, DelegateSeat, Role


class RecallPetitionStatus(models.TextChoices):
    COLLECTING = "collecting", _("Collecting signatures")
    SUCCEEDED = "succeeded", _("Recall vote called")
    LAPSED = "lapsed", _("Lapsed")


class RecallPetition(models.Model):
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="recall_petitions"
    )
    # The target: one delegate seat of the committee, or one officer role in it.
    seat = models.ForeignKey(
        DelegateSeat, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(max_length=12, choices=RecallPetitionStatus.choices)
    opened_at = models.DateTimeField(default=timezone.now)
    closes_at = models.DateTimeField()
    succeeded_at = models.DateTimeField(null=True, blank=True)
    lapsed_at = models.DateTimeField(null=True, blank=True)
    signature_count = models.PositiveIntegerField(default=0)
    poll = models.OneToOneField(
        "votes.Poll", null=True, blank=True, on_delete=models.SET_NULL, related_name="petition"
    )
    # The holder's answer, shown beside the petition and on the recall vote's page.
    statement = models.TextField(
        pgettext_lazy("recall petition", "statement"), blank=True, default="", max_length=4000
    )
    statement_at = models.DateTimeField(null=True, blank=True)
    by_election = models.ForeignKey(
        "votes.Poll", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["seat"],
                condition=Q(status="collecting"),
                name="recall_one_collecting_per_seat",
            ),
            models.UniqueConstraint(
                fields=["role"],
                condition=Q(status="collecting"),
                name="recall_one_collecting_per_role",
            ),
            models.CheckConstraint(
                condition=Q(seat__isnull=True) | Q(role__isnull=True),
                name="recall_one_target",
            ),
        ]
        indexes = [models.Index(fields=["committee", "status"])]


class RecallSignature(models.Model):
    petition = models.ForeignKey(
        RecallPetition, on_delete=models.CASCADE, related_name="signatures"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "person"], name="recall_signature_unique")
        ]


class TermNotice(models.Model):
    """That the committee was told a delegate's term ends soon, and the by-election prepared
    for it: once per seat (rankfile.recalls.terms)."""

    seat = models.OneToOneField(DelegateSeat, on_delete=models.CASCADE, related_name="+")
    noticed_at = models.DateTimeField(default=timezone.now)
    by_election = models.ForeignKey(
        "votes.Poll", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
