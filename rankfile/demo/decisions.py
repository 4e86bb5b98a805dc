"""The demo's decisions of the committee: the campaign is started by the alliance's delegates
and endorsed by the Minneapolis coordinating committee's delegates, each by adopting a motion
in a vote outside a meeting (every elector votes yes), so that the logs read as they would:
"moved", "seconded", "put to the vote", "adopted", then the campaign started or endorsed.

The alliance has no delegates in the federation the demo founds: one delegate of each
committee directly under it that has a member to send is seated first."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from rankfile.accounts.models import Person
from rankfile.committees import services as committee_services
from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.models import (
    Affiliation,
    AffiliationStatus,
    Committee,
    DelegateSeat,
    MembershipStatus,
)
from rankfile.demo.people import chair_of
from rankfile.motions import services as motion_services
from rankfile.motions.models import Motion
from rankfile.votes import services as vote_services
from rankfile.votes.models import Elector


def alliance_delegates_seat(*, alliance: Committee) -> None:
    operator = chair_of(alliance)
    for affiliation in Affiliation.objects.filter(
        parent=alliance, status=AffiliationStatus.ACCEPTED
    ).select_related("child"):
        child = affiliation.child
        seated = DelegateSeat.objects.filter(parent=alliance, ended_at__isnull=True).values(
            "person_id"
        )
        person = (
            Person.objects.filter(
                memberships__committee=child, memberships__status=MembershipStatus.ACTIVE
            )
            .exclude(pk=operator.pk)
            .exclude(pk__in=seated)
            .order_by("pk")
            .first()
        )
        if person is not None:
            committee_services.seat_assign(
                parent=alliance, committee=child, person=person, by=chair_of(child)
            )


def motion_decided(
    *, committee: Committee, by: Person, kind: str, title: str, text: str, effect: dict[str, Any]
) -> Motion:
    """Propose, second, put to a vote outside a meeting, every elector votes yes, close."""
    motion = motion_services.motion_propose(
        committee=committee, by=by, kind=kind, title=title, text=text, effect=effect
    )
    seconder = (
        Person.objects.filter(
            memberships__committee=committee, memberships__status=MembershipStatus.ACTIVE
        )
        .exclude(pk=by.pk)
        .order_by("pk")
        .first()
    )
    assert seconder is not None
    motion = motion_services.motion_second(motion=motion, by=seconder)
    hours = bylaws_effective(committee=committee).async_voting_hours
    closes_at = timezone.now() + timedelta(hours=hours + 1)
    motion = motion_services.motion_put_to_poll(motion=motion, by=by, closes_at=closes_at)
    poll = motion.polls.get()
    for elector in Elector.objects.filter(poll=poll).select_related("person"):
        vote_services.ballot_cast(poll=poll, voter=elector.person, content="yes")
    vote_services.poll_close(poll=poll, by=by)
    return Motion.objects.get(pk=motion.pk)
