"""Motion state changes. Each is one transaction, with the motion row locked, that writes its
audit event in it and sends its live refreshes on commit."""

from rankfile.motions.services.amendments import (
    amendment_apply,
    amendment_propose,
    amendment_second,
)
from rankfile.motions.services.motions import (
    motion_comment_add,
    motion_create,
    motion_put_on_agenda,
    motion_put_to_vote,
    motion_second,
    motion_settle_from_poll,
    motion_submit,
    motion_update,
    motion_withdraw,
)
from rankfile.motions.services.proposals import motion_propose, motion_put_to_poll
from rankfile.motions.services.resolutions import (
    resolution_endorse,
    resolution_endorse_refusal,
    resolution_forward,
)

__all__ = [
    "amendment_apply",
    "amendment_propose",
    "amendment_second",
    "motion_comment_add",
    "motion_create",
    "motion_propose",
    "motion_put_on_agenda",
    "motion_put_to_poll",
    "motion_put_to_vote",
    "motion_second",
    "motion_settle_from_poll",
    "motion_submit",
    "motion_update",
    "motion_withdraw",
    "resolution_endorse",
    "resolution_endorse_refusal",
    "resolution_forward",
]
