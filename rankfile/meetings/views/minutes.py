"""The stored minutes record, made readable: times as datetimes, states and kinds as labels in
the reader's language."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rankfile.meetings.models import AgendaItemKind, MeetingKind
from rankfile.motions.models import AmendmentKind, MotionStatus


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def readable_minutes(content: dict[str, Any]) -> dict[str, Any]:
    return {
        **content,
        "kind_label": _label(MeetingKind, content.get("kind", "")),
        "starts_at": _when(content.get("starts_at")),
        "started_at": _when(content.get("started_at")),
        "closed_at": _when(content.get("closed_at")),
        "agenda": [
            {**item, "kind_label": _label(AgendaItemKind, item.get("kind", ""))}
            for item in content.get("agenda", [])
        ],
        "motions": [
            {
                **motion,
                "status_label": _label(MotionStatus, motion.get("status", "")),
                "amendments": [
                    {
                        **amendment,
                        "status_label": _label(MotionStatus, amendment.get("status", "")),
                        "kind_label": _label(AmendmentKind, amendment.get("kind", "")),
                    }
                    for amendment in motion.get("amendments", [])
                ],
            }
            for motion in content.get("motions", [])
        ],
    }
