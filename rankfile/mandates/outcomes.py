"""The mandates app's part of decisions (rankfile.core.decisions): an adopted mandate motion
("motion.mandate") records the mandate; a meeting closed above ("meeting.closed") sends a
report-back down; a meeting called ("meeting.called") takes the report-backs waiting."""

from __future__ import annotations

from rankfile.committees.models import PARENT_KINDS
from rankfile.core.decisions import Decision
from rankfile.mandates.services import (
    mandate_record,
    reports_back_attach_pending,
    reports_back_generate,
)
from rankfile.meetings.models import Meeting


def mandate_adopted(decision: Decision) -> None:
    data = decision.data
    mandate_record(
        committee_id=decision.committee_id,
        target=str(data.get("target", "")),
        target_id=int(data.get("target_id") or 0),
        position=str(data.get("position", "")),
        source_id=int(data["motion_id"]),
    )


def meeting_closed(decision: Decision) -> None:
    meeting = Meeting.objects.select_related("committee").get(pk=decision.data["meeting_id"])
    if meeting.committee.kind in PARENT_KINDS:
        reports_back_generate(meeting=meeting)


def meeting_called(decision: Decision) -> None:
    meeting = Meeting.objects.get(pk=decision.data["meeting_id"])
    reports_back_attach_pending(meeting=meeting)
