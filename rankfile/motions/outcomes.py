"""The motions app's part of a closed poll: the motion it decided is adopted or rejected with
it (a `poll.motion` decision, rankfile.core.decisions). An adopted motion of kind "endorse"
endorses what its effect names: "endorse.<what>" is applied by the app that owns it (a
campaign: strikes; a resolution forwarded to a committee above: here)."""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext as _

from rankfile.committees.models import Committee
from rankfile.core.decisions import Decision, decision_apply
from rankfile.core.errors import RuleViolation
from rankfile.motions.models import Forwarding, Motion
from rankfile.motions.services import motion_settle_from_poll, resolution_endorse


def motion_poll_decided(decision: Decision) -> None:
    """If the motions app refuses (the motion was withdrawn meanwhile), the poll's result
    still stands and the log says so."""
    motion_id = decision.data.get("motion_id")
    if motion_id is None:
        return  # a proposal put straight to the vote: only the result is published
    motion = Motion.objects.get(pk=motion_id)
    motion_settle_from_poll(motion=motion, adopted=decision.adopted, by=decision.by)


def endorse_decided(decision: Decision) -> None:
    what = decision.data.get("endorses", "")
    if not decision_apply(dataclasses.replace(decision, kind=f"endorse.{what}")):
        raise RuleViolation(_("Nothing here can be endorsed by this motion."))


def resolution_endorse_decided(decision: Decision) -> None:
    forwarding = Forwarding.objects.get(pk=decision.data["forwarding_id"])
    committee = Committee.objects.get(pk=decision.committee_id)
    resolution_endorse(forwarding=forwarding, committee=committee, by=decision.by)
