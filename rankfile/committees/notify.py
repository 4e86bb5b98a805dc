"""Notifications to a whole committee: its active members, through `core.notify`."""

from __future__ import annotations

from rankfile.committees.selectors import committee_active_member_ids
from rankfile.core.notify import notify_people


def notify_committee_members(*, committee_id: int, kind: str, subject: str, body: str) -> None:
    notify_people(
        person_ids=committee_active_member_ids(committee_id=committee_id),
        kind=kind,
        subject=subject,
        body=body,
    )
