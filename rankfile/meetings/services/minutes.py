"""Minutes: generated from what happened (attendance, motions and amendments with their
results, polls with theirs, the secretary's notes), approved at a later meeting, published to
the committee's members."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.bylaws import bylaws_effective
from rankfile.core.errors import RuleViolation
from rankfile.meetings.lifecycle import (
    MeetingAction,
    MinutesAction,
    meeting_refusal,
    minutes_refusal,
)
from rankfile.meetings.models import Attendance, Meeting, Minutes, MinutesStatus
from rankfile.meetings.quorum import quorum_needed
from rankfile.meetings.selectors import meeting_agenda, meeting_polls, poll_summary


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def minutes_content(meeting: Meeting) -> dict[str, Any]:
    """The record the minutes are made of: figures, titles, states and texts, no sentences
    (the template words them in the reader's language)."""
    committee = meeting.committee
    summary_by_motion, other_polls = _poll_summaries(meeting)
    petition = getattr(meeting, "petition", None)
    return {
        "title": meeting.title,
        "kind": meeting.kind,
        "starts_at": _iso(meeting.starts_at),
        "started_at": _iso(meeting.started_at),
        "closed_at": _iso(meeting.closed_at),
        "petition_reason": petition.reason if petition is not None else "",
        "attendance": Attendance.objects.filter(meeting=meeting).count(),
        "members": committee.active_member_count,
        "quorum_needed": quorum_needed(
            members=committee.active_member_count, bylaws=bylaws_effective(committee=committee)
        ),
        "agenda": [
            # An item another app generated carries its record (a report-back's).
            {
                "title": item.title,
                "kind": item.kind,
                **({"detail": item.detail} if item.detail else {}),
            }
            for item in meeting_agenda(meeting_id=meeting.pk)
        ],
        "motions": _motions_content(meeting, summary_by_motion=summary_by_motion),
        "polls": other_polls,
        "notes": meeting.notes,
    }


def _poll_summaries(meeting: Meeting) -> tuple[dict[int, str], list[dict[str, str]]]:
    """The result of each motion's poll, by motion id; and the other polls with theirs."""
    summary_by_motion: dict[int, str] = {}
    other_polls = []
    for poll in meeting_polls(meeting_id=meeting.pk):
        motion_id = getattr(poll, "motion_id", None)
        if motion_id is not None:
            summary_by_motion[motion_id] = poll_summary(poll)
        else:
            other_polls.append({"title": str(poll.title), "summary": poll_summary(poll)})
    return summary_by_motion, other_polls


def _motions_content(
    meeting: Meeting, *, summary_by_motion: dict[int, str]
) -> list[dict[str, Any]]:
    """The motions on the meeting's agenda, each with the amendments voted in this meeting."""
    from rankfile.motions.models import Motion

    motions = (
        Motion.objects.filter(meeting=meeting, amends__isnull=True)
        .prefetch_related("demand_links__demand", "amendments")
        .order_by("on_agenda_at", "pk")
    )
    return [
        {
            "id": motion.pk,
            "title": motion.title,
            "status": motion.status,
            "resolution_number": motion.resolution_number,
            "text": motion.text,
            "demands": [link.demand.text for link in motion.demand_links.all()],
            "result": summary_by_motion.get(motion.pk, ""),
            "amendments": [
                {
                    "id": amendment.pk,
                    "kind": amendment.amendment_kind,
                    "target_text": amendment.target_text,
                    "new_text": amendment.new_text,
                    "status": amendment.status,
                    "result": summary_by_motion.get(amendment.pk, ""),
                }
                for amendment in sorted(motion.amendments.all(), key=lambda a: a.pk)
                if amendment.meeting_id == meeting.pk
            ],
        }
        for motion in motions
    ]


def minutes_generate(*, meeting: Meeting, by: Person) -> Minutes:
    """Write (or, while still a draft, rewrite) the minutes of a closed meeting."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
        refusal = meeting_refusal(locked, action=MeetingAction.WRITE_MINUTES)
        if refusal:
            raise RuleViolation(refusal)
        minutes = Minutes.objects.filter(meeting=locked).first()
        if minutes is not None:
            refusal = minutes_refusal(minutes, action=MinutesAction.GENERATE)
            if refusal:
                raise RuleViolation(refusal)
        else:
            minutes = Minutes(meeting=locked, status=MinutesStatus.DRAFT)
        minutes.content = minutes_content(locked)
        minutes.generated_at = timezone.now()
        minutes.generated_by = by
        minutes.save()
        audit_record(
            verb=AuditVerb.MINUTES_GENERATED,
            actor=by,
            committee=locked.committee,
            data={"meeting_id": locked.pk, "other_name": locked.title},
        )
    return minutes


def minutes_approve(*, minutes: Minutes, in_meeting: Meeting, by: Person) -> Minutes:
    """Approve the minutes at a later meeting of the committee, while it is in progress (the
    approval is recorded in that meeting)."""
    with transaction.atomic():
        locked = (
            Minutes.objects.select_for_update()
            .select_related("meeting__committee")
            .get(pk=minutes.pk)
        )
        current = Meeting.objects.get(pk=in_meeting.pk)
        refusal = minutes_refusal(locked, action=MinutesAction.APPROVE, in_meeting=current)
        if refusal:
            raise RuleViolation(refusal)
        locked.status = MinutesStatus.APPROVED
        locked.approved_at = timezone.now()
        locked.approved_in = current
        locked.approved_by = by
        locked.save(update_fields=["status", "approved_at", "approved_in", "approved_by"])
        audit_record(
            verb=AuditVerb.MINUTES_APPROVED,
            actor=by,
            committee=locked.meeting.committee,
            data={
                "meeting_id": locked.meeting_id,
                "in_meeting_id": current.pk,
                "other_name": locked.meeting.title,
            },
        )
    return locked


def minutes_approve_by_decision(
    *, minutes_id: int, generated_at: str, motion_id: int, title: str, by: Person | None
) -> Minutes:
    """The members adopted a motion approving the minutes (in a later meeting or by a vote
    outside one): the "motion.minutes" decision. Refused (the motion stays adopted) if the
    minutes were written again after the motion was proposed: the members approved the text
    they read, not a later one."""
    with transaction.atomic():
        locked = (
            Minutes.objects.select_for_update()
            .select_related("meeting__committee")
            .get(pk=minutes_id)
        )
        refusal = minutes_refusal(locked, action=MinutesAction.APPROVE_BY_DECISION)
        if refusal:
            raise RuleViolation(refusal)
        if locked.generated_at.isoformat() != generated_at:
            raise RuleViolation(
                _("The minutes were written again after this motion: propose their approval again.")
            )
        locked.status = MinutesStatus.APPROVED
        locked.approved_at = timezone.now()
        locked.approved_by = by
        locked.save(update_fields=["status", "approved_at", "approved_by"])
        audit_record(
            verb=AuditVerb.MINUTES_APPROVED_BY_MOTION,
            actor=None,
            committee=locked.meeting.committee,
            data={"meeting_id": locked.meeting_id, "motion_id": motion_id, "other_name": title},
        )
    return locked


def minutes_publish(*, minutes: Minutes, by: Person) -> Minutes:
    with transaction.atomic():
        locked = (
            Minutes.objects.select_for_update()
            .select_related("meeting__committee")
            .get(pk=minutes.pk)
        )
        refusal = minutes_refusal(locked, action=MinutesAction.PUBLISH)
        if refusal:
            raise RuleViolation(refusal)
        locked.status = MinutesStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.published_by = by
        locked.save(update_fields=["status", "published_at", "published_by"])
        audit_record(
            verb=AuditVerb.MINUTES_PUBLISHED,
            actor=by,
            committee=locked.meeting.committee,
            data={"meeting_id": locked.meeting_id, "other_name": locked.meeting.title},
        )
    return locked
