from __future__ import annotations

from django.conf import settings
from django.db import models

from rankfile.audit.verbs import AuditVerb


class AuditEvent(models.Model):
    """One change of state, append-only. Officers are watched by the people who elected them.

    The actor and the person the event is about are foreign keys set to NULL when that person
    erases their account, so the log then reads "a former member" and keeps no personal data.
    `data` holds ids and figures, never handles or contact details.
    """

    committee = models.ForeignKey(
        "committees.Committee", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_by_system = models.BooleanField(default=False)
    verb = models.CharField(max_length=64, choices=AuditVerb.choices)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["committee", "-id"])]

    def __str__(self) -> str:
        return f"{self.verb} at {self.created_at:%Y-%m-%d %H:%M}"
