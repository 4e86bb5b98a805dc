"""Who may see and do what with recall petitions: the committee's active members see and sign
them (404 for anyone else); only the holder answers (403 for other members)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from rankfile.accounts.models import Person
from rankfile.committees.access import committee_for_member
from rankfile.committees.models import Committee
from rankfile.recalls.models import RecallPetition


def petition_for_member(*, person: Person, slug: str, petition_id: int) -> RecallPetition:
    committee, _membership = committee_for_member(person=person, slug=slug)
    petition = (
        RecallPetition.objects.select_related("committee", "holder", "seat__parent", "role", "poll")
        .filter(pk=petition_id, committee=committee)
        .first()
    )
    if petition is None:
        raise Http404("No such petition")
    return petition


def petition_for_holder(*, person: Person, slug: str, petition_id: int) -> RecallPetition:
    petition = petition_for_member(person=person, slug=slug, petition_id=petition_id)
    if petition.holder_id != person.pk:
        raise PermissionDenied("Only the member whose recall is asked answers")
    return petition


def committee_of_member(*, person: Person, slug: str) -> Committee:
    committee, _membership = committee_for_member(person=person, slug=slug)
    return committee
