"""Meeting state changes. Each is one transaction that writes its audit event in it and sends
its notifications and live refreshes on commit."""

from rankfile.meetings.services.calling import (
    meeting_call,
    meeting_code_renew,
    meeting_petition_open,
    meeting_petition_sign,
    meeting_update_details,
)
from rankfile.meetings.services.minutes import (
    minutes_approve,
    minutes_approve_by_decision,
    minutes_generate,
    minutes_publish,
)
from rankfile.meetings.services.running import (
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    attendance_check_in,
    attendance_check_out,
    meeting_close,
    meeting_notes_update,
    meeting_start,
    speaker_lower,
    speaker_next,
    speaker_raise,
)

__all__ = [
    "agenda_item_add",
    "agenda_item_move",
    "agenda_item_remove",
    "attendance_check_in",
    "attendance_check_out",
    "meeting_call",
    "meeting_close",
    "meeting_code_renew",
    "meeting_notes_update",
    "meeting_petition_open",
    "meeting_petition_sign",
    "meeting_start",
    "meeting_update_details",
    "minutes_approve",
    "minutes_approve_by_decision",
    "minutes_generate",
    "minutes_publish",
    "speaker_lower",
    "speaker_next",
    "speaker_raise",
]
