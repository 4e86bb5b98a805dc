"""The motion lifecycle in one place: what may happen in which state, and why not yet.

    draft -> submitted -> seconded -> on_agenda -> voting -> adopted | rejected
    (withdrawn by the proposer at any point before the vote opens)

An amendment is proposed straight into "submitted", needs a seconder, and is put to the vote
while the motion it amends is on the agenda of a meeting in progress; if carried it is applied
to that motion's text. A motion with an amendment pending (seconded or being voted on) waits.
"""

from __future__ import annotations

import enum

from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.meetings.models import Meeting, MeetingStatus
from rankfile.motions.models import (
    DECIDED_STATUSES,
    Motion,
    MotionKind,
    MotionStatus,
    Seconding,
)
from rankfile.motions.text import amendment_text_refusal


class MotionAction(enum.Enum):
    EDIT = "edit"
    SUBMIT = "submit"
    SECOND = "second"
    WITHDRAW = "withdraw"
    PUT_ON_AGENDA = "put_on_agenda"
    PUT_TO_VOTE = "put_to_vote"
    AMEND = "amend"
    COMMENT = "comment"
    FORWARD = "forward"
    SETTLE = "settle"
    PUT_TO_POLL = "put_to_poll"


PENDING_AMENDMENT = (MotionStatus.SECONDED, MotionStatus.VOTING)


def _decided(motion: Motion) -> str:
    return {
        MotionStatus.ADOPTED: _("The motion was adopted."),
        MotionStatus.REJECTED: _("The motion was rejected."),
        MotionStatus.WITHDRAWN: _("The motion was withdrawn."),
    }[MotionStatus(motion.status)]


def _meeting_refusal(meeting: Meeting | None) -> str | None:
    if meeting is None:
        return _("Put the motion on a meeting's agenda first.")
    if meeting.status == MeetingStatus.SCHEDULED:
        return _("The meeting has not started.")
    if meeting.status == MeetingStatus.CLOSED:
        return _("The meeting is closed.")
    return None


def motion_refusal(
    motion: Motion,
    *,
    action: MotionAction,
    person: Person | None = None,
    meeting: Meeting | None = None,
) -> str | None:
    """Why `action` is not allowed on the motion now (for `person`, into `meeting`), or None."""
    status = motion.status
    if action == MotionAction.SETTLE:
        return None if status == MotionStatus.VOTING else _("The motion is not being voted on.")
    if action == MotionAction.FORWARD:
        if motion.is_amendment or status != MotionStatus.ADOPTED:
            return _("Only an adopted resolution can be forwarded.")
        return None
    if status in DECIDED_STATUSES:
        return _decided(motion)
    if action in (MotionAction.EDIT, MotionAction.SUBMIT):
        if status != MotionStatus.DRAFT:
            return _("The motion has already been submitted.")
        return None
    if status == MotionStatus.DRAFT:
        if action == MotionAction.WITHDRAW:
            return None
        return _("The motion is still a draft: its proposer must submit it first.")
    if action == MotionAction.COMMENT:
        return None
    if action == MotionAction.WITHDRAW:
        if status == MotionStatus.VOTING:
            return _("The vote has opened: the motion can no longer be withdrawn.")
        return None
    if action == MotionAction.SECOND:
        return _second_refusal(motion, person=person)
    if action == MotionAction.AMEND:
        if motion.is_amendment:
            return _("An amendment cannot itself be amended.")
        if motion.kind != MotionKind.ORDINARY:
            return _(
                "This motion carries a decision stated in its text: it cannot be amended. "
                "Propose another one instead."
            )
        if status == MotionStatus.VOTING:
            return _("The vote has opened: it is too late to amend the motion.")
        return None
    if action == MotionAction.PUT_ON_AGENDA:
        return _agenda_refusal(motion, meeting=meeting)
    if action == MotionAction.PUT_TO_POLL:
        return _poll_refusal(motion)
    return _vote_refusal(motion)


def _poll_refusal(motion: Motion) -> str | None:
    """A vote of the members outside a meeting: for a seconded motion not on an agenda."""
    if motion.is_amendment:
        return _("An amendment is voted under the motion it amends, not on its own.")
    if motion.status == MotionStatus.SUBMITTED:
        return _("The motion needs a seconder.")
    if motion.status != MotionStatus.SECONDED:
        return _("The motion is already on a meeting's agenda.")
    if motion.amendments.filter(status__in=PENDING_AMENDMENT).exists():
        return _("An amendment is pending: vote on it, or have it withdrawn, first.")
    return None


def _second_refusal(motion: Motion, *, person: Person | None) -> str | None:
    if motion.status == MotionStatus.VOTING:
        return _("The vote has opened.")
    if person is not None and person.pk == motion.proposer_id:
        return _("You proposed it: another member must second it.")
    if person is not None and Seconding.objects.filter(motion=motion, person_id=person.pk).exists():
        return _("You have already seconded it.")
    return None


def _agenda_refusal(motion: Motion, *, meeting: Meeting | None) -> str | None:
    status = motion.status
    if motion.is_amendment:
        return _("An amendment is voted under the motion it amends, not on its own.")
    if status == MotionStatus.SUBMITTED:
        return _("The motion needs a seconder.")
    if status in (MotionStatus.ON_AGENDA, MotionStatus.VOTING):
        return _("The motion is already on a meeting's agenda.")
    if meeting is not None:
        if meeting.committee_id != motion.committee_id:
            return _("That meeting is not this committee's.")
        if meeting.status == MeetingStatus.CLOSED:
            return _("The meeting is closed.")
    return None


def _vote_refusal(motion: Motion) -> str | None:
    from rankfile.meetings.quorum import meeting_quorum

    status = motion.status
    if status == MotionStatus.VOTING:
        return _("The vote is already open.")
    if status == MotionStatus.SUBMITTED:
        return _("The motion needs a seconder.")
    if motion.is_amendment:
        assert motion.amends_id is not None
        parent = Motion.objects.select_related("meeting").get(pk=motion.amends_id)
        if parent.status != MotionStatus.ON_AGENDA:
            return _("The motion it amends is not on a meeting's agenda.")
        meeting = parent.meeting
        refusal = _meeting_refusal(meeting)
        if refusal:
            return refusal
        if parent.amendments.filter(status=MotionStatus.VOTING).exclude(pk=motion.pk).exists():
            return _("Another amendment to this motion is being voted on: wait for its result.")
        refusal = amendment_text_refusal(
            text=parent.text,
            kind=motion.amendment_kind,
            target_text=motion.target_text,
            new_text=motion.new_text,
        )
        if refusal:
            return refusal
    else:
        if status == MotionStatus.SECONDED:
            return _("Put the motion on a meeting's agenda first.")
        meeting = (
            Meeting.objects.filter(pk=motion.meeting_id).first() if motion.meeting_id else None
        )
        refusal = _meeting_refusal(meeting)
        if refusal:
            return refusal
        if motion.amendments.filter(status__in=PENDING_AMENDMENT).exists():
            return _("An amendment is pending: vote on it, or have it withdrawn, first.")
    assert meeting is not None
    return meeting_quorum(meeting=meeting).refusal
