"""Officers of a coordinating committee accept or refuse a committee that asks to join."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees.models import AffiliationStatus, CommitteeClosure
from tests.factories import chair_of, last_message, make_committee, request_affiliation


def url(decision, committee, affiliation) -> str:
    return reverse(f"committees:affiliation_{decision}", args=[committee.slug, affiliation.pk])


def coordinator_client(client, coordinating):
    client.force_login(chair_of(coordinating))
    return client


def test_it_accepts_a_request(client, coordinating):
    depot = make_committee(name="Depot")
    affiliation = request_affiliation(depot, coordinating)
    response = coordinator_client(client, coordinating).post(
        url("accept", coordinating, affiliation)
    )
    assert response.status_code == 302
    assert last_message(response) == "Accepted."
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.ACCEPTED
    assert CommitteeClosure.objects.filter(ancestor=coordinating, descendant=depot).exists()


def test_it_refuses_a_request(client, coordinating):
    affiliation = request_affiliation(make_committee(), coordinating)
    response = coordinator_client(client, coordinating).post(
        url("refuse", coordinating, affiliation)
    )
    assert last_message(response) == "Refused."
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.REFUSED


def test_it_explains_that_a_decided_request_cannot_be_decided_again(client, coordinating):
    affiliation = request_affiliation(make_committee(), coordinating)
    coordinator = coordinator_client(client, coordinating)
    coordinator.post(url("refuse", coordinating, affiliation))
    response = coordinator.post(url("accept", coordinating, affiliation))
    assert last_message(response) == "This request has already been decided."
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.REFUSED


def test_it_does_not_let_the_asking_committee_decide_its_own_request(chair_client, committee):
    upper = make_committee("coordinating")
    affiliation = request_affiliation(committee, upper)
    assert chair_client.post(url("accept", committee, affiliation)).status_code == 404
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.REQUESTED
