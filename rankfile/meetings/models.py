"""Meetings: called with the notice the bylaws ask (or forced by a petition of members), run live
(attendance, quorum, speakers' list, agenda) and recorded in minutes.

Lifecycle rules and the reasons a change is not allowed yet live in `lifecycle.py`; state changes
in `services/`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rankfile.committees.models import Committee


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Regular meeting")
    EMERGENCY = "emergency", _("Emergency meeting")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("In progress")
    CLOSED = "closed", _("Closed")


def meeting_live_group(meeting_id: int) -> str:
    """The channel group of the pages that watch a meeting live."""
    return f"meeting-{meeting_id}"


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=12, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=160)
    starts_at = models.DateTimeField(_("starts at"))
    # Shown to the committee's members only: an employer must not learn where organisers meet.
    place = models.CharField(_("place"), max_length=200, blank=True, default="")
    online_link = models.URLField(_("online link"), max_length=500, blank=True, default="")
    status = models.CharField(max_length=12, choices=MeetingStatus.choices)
    # NULL when the meeting was called by the system on a members' petition.
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    called_at = models.DateTimeField(default=timezone.now)
    # Shown in the room (as text and as a QR code); members type it to check in.
    check_in_code = models.CharField(max_length=6, unique=True)
    speaker_seconds = models.PositiveSmallIntegerField(_("time per speaker (seconds)"), default=180)
    notes = models.TextField(_("secretary's notes"), blank=True, default="", max_length=20000)
    started_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["committee", "-starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def live_group(self) -> str:
        return meeting_live_group(self.pk)


class PetitionStatus(models.TextChoices):
    COLLECTING = "collecting", _("Collecting signatures")
    CALLED = "called", _("Meeting called")
    LAPSED = "lapsed", _("Lapsed")


class Petition(models.Model):
    """Members asking for an emergency meeting. When the share of active members that the bylaws
    set have signed, the meeting is called by the system.

    Signatures are counted, never listed: a signature row exists only so that nobody signs
    twice. Nothing records who opened the petition beyond their (uncounted-apart) signature.
    """

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="petitions")
    reason = models.TextField(_("reason"), max_length=1000)
    status = models.CharField(max_length=12, choices=PetitionStatus.choices)
    opened_at = models.DateTimeField(default=timezone.now)
    closes_at = models.DateTimeField()
    called_at = models.DateTimeField(null=True, blank=True)
    lapsed_at = models.DateTimeField(null=True, blank=True)
    meeting = models.OneToOneField(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="petition"
    )
    signature_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(status="collecting"),
                name="petition_one_collecting_per_committee",
            )
        ]


class PetitionSignature(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="signatures")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "person"], name="petition_signature_unique")
        ]


class AgendaItemKind(models.TextChoices):
    ITEM = "item", _("Item")
    PETITION = "petition", _("Reason of the petition")
    MOTION = "motion", _("Motion")
    MINUTES = "minutes", _("Approval of the minutes")
    REPORT_BACK = "report_back", _("Report-back from a committee above")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    # From 1; 0 is free for the swap that moves an item.
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12, choices=AgendaItemKind.choices)
    title = models.CharField(_("title"), max_length=200)
    motion = models.ForeignKey(
        "motions.Motion",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )
    minutes = models.ForeignKey(
        "Minutes", null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    # What the app that put the item on the agenda records with it (a report-back: the
    # decisions and the delegates' votes), copied into the minutes.
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position_unique")
        ]
        ordering = ["position"]


class CheckInMethod(models.TextChoices):
    CODE = "code", _("with the room's code")
    SECRETARY = "secretary", _("by an officer")


class Attendance(models.Model):
    """One row per person and meeting, however often they check in (unique)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    method = models.CharField(max_length=12, choices=CheckInMethod.choices)
    checked_in_at = models.DateTimeField(default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when the person leaves the room; checking in again clears it.
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique")
        ]


class SpeakerStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    SPEAKING = "speaking", _("Speaking")
    DONE = "done", _("Spoke")
    LOWERED = "lowered", _("Lowered their hand")


class Speaker(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=SpeakerStatus.choices)
    raised_at = models.DateTimeField(default=timezone.now)
    called_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(status__in=["waiting", "speaking"]),
                name="speaker_one_hand_per_person",
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(status="speaking"),
                name="speaker_one_at_a_time",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "status", "raised_at"])]


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class Minutes(models.Model):
    """What happened, generated from the record (attendance, motions, polls) plus the
    secretary's notes. `content` holds figures, titles and states, not sentences, so the
    minutes read in each member's language."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    content = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=MinutesStatus.choices)
    generated_at = models.DateTimeField(default=timezone.now)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_in = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="approved_minutes"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
