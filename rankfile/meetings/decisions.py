"""A meeting called or closed, told to the apps that act on it (the mandates app puts
report-backs on agendas) through rankfile.core.decisions: meetings knows nothing of them."""

from __future__ import annotations

from rankfile.accounts.models import Person
from rankfile.core.decisions import Decision
from rankfile.meetings.models import Meeting


def meeting_decision(kind: str, meeting: Meeting, *, by: Person | None) -> Decision:
    """ "meeting.called" or "meeting.closed"; a handler's refusal never undoes the meeting's
    change."""
    return Decision(
        kind=kind,
        committee_id=meeting.committee_id,
        adopted=True,
        title=meeting.title,
        data={"meeting_id": meeting.pk},
        by=by,
    )
