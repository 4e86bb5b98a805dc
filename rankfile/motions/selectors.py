"""Reads shared by the motion views."""

from __future__ import annotations

import dataclasses

from django.db.models import Prefetch, Q, QuerySet

from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.figures import ShownCount, shown_count
from rankfile.committees.models import Affiliation, AffiliationStatus, Committee
from rankfile.meetings.models import Meeting, MeetingStatus
from rankfile.motions.models import (
    Forwarding,
    Motion,
    MotionDemand,
    MotionStatus,
    ResolutionEndorsement,
)
from rankfile.motions.text import highlighted


def motions_of_committee(*, committee: Committee, person_id: int) -> QuerySet[Motion]:
    """The committee's motions (not amendments), with the person's own drafts."""
    return (
        Motion.objects.filter(committee=committee, amends__isnull=True)
        .filter(~Q(status=MotionStatus.DRAFT) | Q(proposer_id=person_id))
        .select_related("proposer")
        .order_by("-created_at")
    )


def motion_demands(*, motion: Motion) -> list[MotionDemand]:
    return list(motion.demand_links.select_related("demand").order_by("position"))


def motion_amendments(*, motion: Motion) -> list[Motion]:
    return list(
        motion.amendments.select_related("proposer")
        .exclude(status=MotionStatus.DRAFT)
        .order_by("pk")
    )


def motion_text_segments(*, motion: Motion) -> list[tuple[str, str]]:
    """The final text, with what carried amendments changed highlighted."""
    if not motion.original_text or motion.original_text == motion.text:
        return [("same", motion.text)]
    return highlighted(motion.original_text, motion.text)


def meetings_for_agenda(*, committee: Committee) -> list[Meeting]:
    return list(
        Meeting.objects.filter(
            committee=committee, status__in=[MeetingStatus.SCHEDULED, MeetingStatus.OPEN]
        ).order_by("starts_at")
    )


def parents_to_forward_to(*, motion: Motion) -> list[Committee]:
    """Committees the motion's committee belongs to that have not received it yet."""
    done = Forwarding.objects.filter(motion=motion).values("parent_id")
    return [
        link.parent
        for link in Affiliation.objects.filter(
            child_id=motion.committee_id, status=AffiliationStatus.ACCEPTED
        )
        .exclude(parent_id__in=done)
        .select_related("parent")
        .order_by("parent__name")
    ]


def forwardings_into(*, parent: Committee) -> QuerySet[Forwarding]:
    return (
        Forwarding.objects.filter(parent=parent)
        .select_related("motion__committee")
        .prefetch_related(
            Prefetch(
                "endorsements",
                queryset=ResolutionEndorsement.objects.select_related("committee"),
            )
        )
        .order_by("-forwarded_at")
    )


@dataclasses.dataclass(frozen=True)
class Endorser:
    committee: Committee
    workers: ShownCount
    members: ShownCount
    is_origin: bool


@dataclasses.dataclass(frozen=True)
class Endorsers:
    rows: list[Endorser]
    workers: ShownCount
    members: ShownCount
    k: int


def workers_represented(committee: Committee) -> int:
    """The workforce estimate where there is one, else the active members."""
    if committee.workforce_estimate:
        return committee.workforce_estimate
    return committee.active_member_count


def resolution_endorsers(*, forwarding: Forwarding) -> Endorsers:
    """The committee that adopted the resolution and those that endorsed it where it was
    forwarded, with the workers each represents. Figures below the parent's k are shown as
    "fewer than k", for each committee as for the total."""
    k = bylaws_effective(committee=forwarding.parent).k_anonymity
    committees = [forwarding.motion.committee] + [
        endorsement.committee
        for endorsement in forwarding.endorsements.select_related("committee").order_by(
            "committee__name"
        )
    ]
    rows = [
        Endorser(
            committee=committee,
            workers=shown_count(workers_represented(committee), k),
            members=shown_count(committee.active_member_count, k),
            is_origin=index == 0,
        )
        for index, committee in enumerate(committees)
    ]
    return Endorsers(
        rows=rows,
        workers=shown_count(sum(workers_represented(c) for c in committees), k),
        members=shown_count(sum(c.active_member_count for c in committees), k),
        k=k,
    )
