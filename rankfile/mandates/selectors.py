"""Reads of the mandates app: what is coming up above a committee, the mandates it gave, how
its delegates voted there, its report-backs. Each is a fixed number of queries, whatever the
number of parents, motions or delegates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q

from rankfile.committees.models import PARENT_KINDS, Committee, DelegateSeat
from rankfile.mandates.models import Mandate, MandatePosition, ReportBack
from rankfile.meetings.models import Meeting, MeetingStatus
from rankfile.motions.models import Motion, MotionStatus
from rankfile.votes.models import Elector, Poll, PollMethod, PollStatus, VoteCast

COMING_UP_MOTION_STATUSES = (MotionStatus.ON_AGENDA, MotionStatus.VOTING)
UPCOMING_MEETING_STATUSES = (MeetingStatus.SCHEDULED, MeetingStatus.OPEN)


@dataclass(frozen=True)
class ComingUp:
    """A motion or a yes / no vote that a committee above will decide, as the members of a
    committee that sends delegates there may see it: its title, its text, when (not where)."""

    target: str  # "motion" or "poll"
    target_id: int
    parent: Committee
    title: str
    text: str
    meeting: Meeting | None
    closes_at: datetime | None
    mandate: Mandate | None

    @property
    def key(self) -> str:
        return f"{self.target}:{self.target_id}"


def parent_ids_with_delegates(*, committee_id: int) -> list[int]:
    """The committees above to which the committee sends delegates now."""
    return list(
        DelegateSeat.objects.filter(committee_id=committee_id, ended_at__isnull=True)
        .values_list("parent_id", flat=True)
        .distinct()
    )


def coming_up(*, committee: Committee) -> list[ComingUp]:
    """Motions on the agenda of an upcoming (or running) meeting of a committee above, and its
    undecided yes / no votes that are not on a motion; soonest first."""
    parent_ids = parent_ids_with_delegates(committee_id=committee.pk)
    if not parent_ids:
        return []
    motions = list(
        Motion.objects.filter(
            committee_id__in=parent_ids,
            status__in=COMING_UP_MOTION_STATUSES,
            amends__isnull=True,
            meeting__status__in=UPCOMING_MEETING_STATUSES,
        ).select_related("committee", "meeting")
    )
    polls = list(
        Poll.objects.filter(
            committee_id__in=parent_ids,
            motion__isnull=True,
            method=PollMethod.YESNO,
            status__in=(PollStatus.DRAFT, PollStatus.OPEN),
        )
        .filter(Q(meeting__isnull=True) | Q(meeting__status__in=UPCOMING_MEETING_STATUSES))
        .select_related("committee", "meeting")
    )
    mandates = mandates_by_target(
        committee_id=committee.pk,
        motion_ids=[m.pk for m in motions],
        poll_ids=[p.pk for p in polls],
    )
    entries = [_motion_entry(m, mandates.get(f"motion:{m.pk}")) for m in motions]
    entries += [_poll_entry(p, mandates.get(f"poll:{p.pk}")) for p in polls]
    return sorted(entries, key=_when)


def _motion_entry(motion: Motion, mandate: Mandate | None) -> ComingUp:
    return ComingUp(
        target="motion",
        target_id=motion.pk,
        parent=motion.committee,
        title=motion.title,
        text=motion.text,
        meeting=motion.meeting,
        closes_at=None,
        mandate=mandate,
    )


def _poll_entry(poll: Poll, mandate: Mandate | None) -> ComingUp:
    return ComingUp(
        target="poll",
        target_id=poll.pk,
        parent=poll.committee,
        title=poll.title,
        text=poll.description,
        meeting=poll.meeting,
        closes_at=poll.closes_at,
        mandate=mandate,
    )


def _when(entry: ComingUp) -> tuple[datetime | str, int]:
    moment = entry.meeting.starts_at if entry.meeting else entry.closes_at
    return (moment.isoformat() if moment else "9999", entry.target_id)


def coming_up_entry(*, committee: Committee, key: str) -> ComingUp | None:
    return next((entry for entry in coming_up(committee=committee) if entry.key == key), None)


def mandates_by_target(
    *, committee_id: int, motion_ids: list[int], poll_ids: list[int]
) -> dict[str, Mandate]:
    rows = Mandate.objects.filter(committee_id=committee_id).filter(
        Q(motion_id__in=motion_ids) | Q(poll_id__in=poll_ids)
    )
    return {
        (f"motion:{m.motion_id}" if m.motion_id else f"poll:{m.poll_id}"): m
        for m in rows.select_related("source")
    }


def mandates_for_voter(*, poll: Poll, person_id: int) -> list[Mandate]:
    """The mandates on this poll (or on its motion) of the committees whose seat on the poll's
    committee the person holds (none, without a query, in a committee without delegates)."""
    if poll.committee.kind not in PARENT_KINDS:
        return []
    committee_ids = DelegateSeat.objects.filter(
        parent_id=poll.committee_id, person_id=person_id, ended_at__isnull=True
    ).values("committee_id")
    target = Q(poll_id=poll.pk)
    if poll.motion_id is not None:
        target |= Q(motion_id=poll.motion_id)
    return list(
        Mandate.objects.filter(target, committee_id__in=committee_ids).select_related("committee")
    )


@dataclass(frozen=True)
class DelegateVote:
    """How one delegate of the committee voted in a roll-call vote above (None: did not vote),
    against the committee's mandate on it, if any."""

    poll: Poll
    handle: str
    vote: str | None
    mandate: str | None

    @property
    def is_against_mandate(self) -> bool:
        return self.mandate not in (None, MandatePosition.FREE) and self.vote != self.mandate


def delegate_votes(
    *, committee: Committee, meeting_id: int | None = None, limit: int = 50
) -> list[DelegateVote]:
    """The committee's delegates' votes in the closed roll-call yes / no votes of the
    committees above (of one meeting of theirs, if given), latest first. A seat counts for the
    votes held while it was held."""
    seats = list(DelegateSeat.objects.filter(committee_id=committee.pk).select_related("person"))
    if not seats:
        return []
    polls_query = Poll.objects.filter(
        committee_id__in={seat.parent_id for seat in seats},
        status=PollStatus.CLOSED,
        is_secret=False,
        method=PollMethod.YESNO,
    )
    if meeting_id is not None:
        polls_query = polls_query.filter(meeting_id=meeting_id)
    polls = list(polls_query.select_related("committee").order_by("-closed_at", "-pk")[:limit])
    if not polls:
        return []
    person_ids = {seat.person_id for seat in seats}
    poll_ids = [poll.pk for poll in polls]
    electors = set(
        Elector.objects.filter(poll_id__in=poll_ids, person_id__in=person_ids).values_list(
            "poll_id", "person_id"
        )
    )
    votes = {
        (row.poll_id, row.voter_id): (row.roll_call or {}).get("content")
        for row in VoteCast.objects.filter(poll_id__in=poll_ids, voter_id__in=person_ids)
    }
    mandates = mandates_by_target(
        committee_id=committee.pk,
        motion_ids=[poll.motion_id for poll in polls if poll.motion_id],
        poll_ids=poll_ids,
    )
    rows = []
    for poll in polls:
        mandate = mandates.get(f"poll:{poll.pk}") or mandates.get(f"motion:{poll.motion_id}")
        for seat in seats:
            if (poll.pk, seat.person_id) in electors and _seat_held_during(seat, poll):
                rows.append(
                    DelegateVote(
                        poll=poll,
                        handle=seat.person.handle,
                        vote=votes.get((poll.pk, seat.person_id)),
                        mandate=mandate.position if mandate else None,
                    )
                )
    return rows


def _seat_held_during(seat: DelegateSeat, poll: Poll) -> bool:
    if seat.parent_id != poll.committee_id or poll.opened_at is None:
        return False
    return seat.started_at <= (poll.closed_at or poll.opened_at) and (
        seat.ended_at is None or seat.ended_at >= poll.opened_at
    )


def reports_back(*, committee: Committee, limit: int = 20) -> list[ReportBack]:
    return list(
        ReportBack.objects.filter(committee=committee)
        .select_related("parent_meeting__committee", "agenda_item__meeting", "report_by")
        .order_by("-created_at", "-pk")[:limit]
    )


def report_detail(report_back: ReportBack) -> dict[str, Any]:
    """What the report-back's agenda item carries into the agenda and the minutes."""
    return {
        **report_back.content,
        "report_back_id": report_back.pk,
        "report": report_back.report,
        "report_by": report_back.report_by.handle if report_back.report_by else "",
    }
