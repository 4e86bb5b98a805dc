"""Who may see and do what with a campaign. Views ask here and nowhere else.

A campaign is seen by the active members of the committee that started it and of every
committee under it (the people it concerns), and by nobody else: to everyone else its pages
are 404. Within it, a member without the needed role gets 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from rankfile.accounts.models import Person
from rankfile.committees.access import OFFICER_KINDS, committee_ids_of_member
from rankfile.committees.models import (
    BASE_KINDS,
    Committee,
    CommitteeClosure,
    Membership,
    Role,
)
from rankfile.strikes.models import Campaign


def campaigns_visible_to(*, person: Person) -> QuerySet[Campaign]:
    """Campaigns started by a committee the person is in, or by one above it."""
    above = CommitteeClosure.objects.filter(
        descendant_id__in=committee_ids_of_member(person_id=person.pk)
    ).values("ancestor_id")
    return Campaign.objects.filter(committee_id__in=above)


def campaign_for_viewer(*, person: Person, campaign_id: int) -> Campaign:
    campaign = (
        campaigns_visible_to(person=person)
        .select_related("committee")
        .filter(pk=campaign_id)
        .first()
    )
    if campaign is None:
        raise Http404("No such campaign")
    return campaign


def rollup_committee(*, person: Person, campaign: Campaign, slug: str) -> Committee:
    """A committee whose part of the campaign the person may look at: under the campaign's
    committee, and the person is in it or in a committee under it."""
    committee = Committee.objects.filter(slug=slug).first()
    if (
        committee is None
        or not CommitteeClosure.objects.filter(
            ancestor_id=campaign.committee_id, descendant_id=committee.pk
        ).exists()
    ):
        raise Http404("No such committee")
    below = CommitteeClosure.objects.filter(ancestor_id=committee.pk).values("descendant_id")
    if not Membership.objects.active().filter(person_id=person.pk, committee_id__in=below).exists():
        raise Http404("No such committee")
    return committee


def pledge_committees(*, person: Person, campaign: Campaign) -> list[Committee]:
    """The base committees the campaign covers where the person is an active member: where
    their pledge may count."""
    covered = CommitteeClosure.objects.filter(ancestor_id=campaign.committee_id).values(
        "descendant_id"
    )
    return list(
        Committee.objects.filter(pk__in=covered, kind__in=BASE_KINDS)
        .filter(pk__in=committee_ids_of_member(person_id=person.pk))
        .order_by("name")
    )


def committees_officered(*, person: Person, campaign: Campaign) -> list[Committee]:
    """Committees under the campaign's (itself included) where the person is an officer."""
    covered = CommitteeClosure.objects.filter(ancestor_id=campaign.committee_id).values(
        "descendant_id"
    )
    officer_of = Role.objects.filter(
        person_id=person.pk, kind__in=OFFICER_KINDS, ended_at__isnull=True
    ).values("committee_id")
    return list(
        Committee.objects.filter(pk__in=covered)
        .filter(pk__in=committee_ids_of_member(person_id=person.pk))
        .filter(pk__in=officer_of)
        .order_by("name")
    )


def committee_for_pledge(*, person: Person, campaign: Campaign) -> list[Committee]:
    """Where the person may pledge; 403 for a viewer who is in no covered base committee."""
    committees = pledge_committees(person=person, campaign=campaign)
    if not committees:
        raise PermissionDenied("Only members of the workplaces the campaign covers pledge.")
    return committees


def committees_for_endorsement(*, person: Person, campaign: Campaign) -> list[Committee]:
    """The committees the person may endorse for; 403 for a viewer who officers none."""
    committees = committees_officered(person=person, campaign=campaign)
    if not committees:
        raise PermissionDenied("Only a committee's officers endorse for it.")
    return committees


def committee_for_report(*, person: Person, campaign: Campaign, slug: str) -> Committee:
    """A covered base committee the person is in (else 404), as its officer (else 403)."""
    committee = next(
        (c for c in pledge_committees(person=person, campaign=campaign) if c.slug == slug), None
    )
    if committee is None:
        raise Http404("No such committee")
    if not Role.objects.filter(
        committee=committee, person_id=person.pk, kind__in=OFFICER_KINDS, ended_at__isnull=True
    ).exists():
        raise PermissionDenied("Only the committee's officers report its status.")
    return committee


def committees_where_officer(*, person: Person) -> list[Committee]:
    """Committees whose officer the person is: where they may start a campaign."""
    officer_of = Role.objects.filter(
        person_id=person.pk, kind__in=OFFICER_KINDS, ended_at__isnull=True
    ).values("committee_id")
    return list(
        Committee.objects.filter(pk__in=officer_of)
        .filter(pk__in=committee_ids_of_member(person_id=person.pk))
        .order_by("name")
    )


def rollup_choices(*, person: Person, campaign: Campaign) -> list[Committee]:
    """The committees under the campaign's that the person is in: the parts of the campaign
    they may look at on their own."""
    covered = CommitteeClosure.objects.filter(ancestor_id=campaign.committee_id).values(
        "descendant_id"
    )
    return list(
        Committee.objects.filter(pk__in=covered)
        .filter(pk__in=committee_ids_of_member(person_id=person.pk))
        .exclude(pk=campaign.committee_id)
        .order_by("name")
    )
