"""Quorum, computed live from the bylaws: max(quorum_minimum, ceil(quorum_percent % of the active
members)), against the active members checked in and still in the room."""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext as _

from rankfile.committees.bylaws import Bylaws, bylaws_effective
from rankfile.committees.models import Committee
from rankfile.core.shares import share_needed
from rankfile.meetings.models import Meeting


@dataclasses.dataclass(frozen=True)
class Quorum:
    present: int
    needed: int
    members: int
    percent: int
    minimum: int

    @property
    def is_reached(self) -> bool:
        return self.present >= self.needed

    @property
    def refusal(self) -> str | None:
        """Why decisions cannot be taken now, or None when the quorum is reached."""
        return None if self.is_reached else str(self)

    def __str__(self) -> str:
        values = {"present": self.present, "needed": self.needed}
        if self.is_reached:
            return _("Quorum reached: %(present)d of %(needed)d present.") % values
        return _("Quorum not reached: %(present)d of %(needed)d present.") % values

    @property
    def rule(self) -> str:
        return _(
            "%(needed)d needed: %(percent)d %% of %(members)d active members, at least %(minimum)d."
        ) % {
            "needed": self.needed,
            "percent": self.percent,
            "members": self.members,
            "minimum": self.minimum,
        }


def quorum_needed(*, members: int, bylaws: Bylaws) -> int:
    return max(bylaws.quorum_minimum, share_needed(members, bylaws.quorum_percent))


def meeting_quorum(*, meeting: Meeting, committee: Committee | None = None) -> Quorum:
    from rankfile.meetings.selectors import meeting_present_person_ids

    committee = Committee.objects.get(pk=meeting.committee_id) if committee is None else committee
    bylaws = bylaws_effective(committee=committee)
    members = committee.active_member_count
    return Quorum(
        present=len(meeting_present_person_ids(meeting_id=meeting.pk)),
        needed=quorum_needed(members=members, bylaws=bylaws),
        members=members,
        percent=bylaws.quorum_percent,
        minimum=bylaws.quorum_minimum,
    )
