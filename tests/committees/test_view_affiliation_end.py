"""Officers of either side end an affiliation."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees.models import Affiliation, AffiliationStatus, CommitteeClosure
from tests.factories import chair_of, last_message, make_committee, request_affiliation


def url(committee, affiliation) -> str:
    return reverse("committees:affiliation_end", args=[committee.slug, affiliation.pk])


def test_it_ends_the_affiliation_from_the_child_side(chair_client, committee, coordinating):
    affiliation = Affiliation.objects.get(child=committee)
    response = chair_client.post(url(committee, affiliation))
    assert last_message(response) == "The affiliation has ended."
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.ENDED
    assert not CommitteeClosure.objects.filter(ancestor=coordinating, descendant=committee).exists()


def test_it_ends_the_affiliation_from_the_parent_side(client, committee, coordinating):
    affiliation = Affiliation.objects.get(child=committee)
    client.force_login(chair_of(coordinating))
    client.post(url(coordinating, affiliation))
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.ENDED


def test_it_explains_that_a_request_cannot_be_ended(chair_client, committee):
    affiliation = request_affiliation(committee, make_committee("coordinating"))
    response = chair_client.post(url(committee, affiliation))
    assert last_message(response) == "Only an accepted affiliation can be ended."
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.REQUESTED


def test_it_does_not_find_an_affiliation_of_other_committees(chair_client, committee):
    upper = make_committee("coordinating")
    affiliation = request_affiliation(make_committee(), upper)
    assert chair_client.post(url(committee, affiliation)).status_code == 404
