"""The motions app's part of a closed poll: the motion it decided is adopted or rejected with
it (a `poll.motion` decision, rankfile.core.decisions)."""

from __future__ import annotations

from rankfile.core.decisions import Decision
from rankfile.motions.models import Motion
from rankfile.motions.services import motion_settle_from_poll


def motion_poll_decided(decision: Decision) -> None:
    """If the motions app refuses (the motion was withdrawn meanwhile), the poll's result
    still stands and the log says so."""
    motion_id = decision.data.get("motion_id")
    if motion_id is None:
        return  # a proposal put straight to the vote: only the result is published
    motion = Motion.objects.get(pk=motion_id)
    motion_settle_from_poll(motion=motion, adopted=decision.adopted, by=decision.by)
