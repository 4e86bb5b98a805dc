"""Officers ask for their committee to join a coordinating committee."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees.models import Affiliation, AffiliationStatus
from tests.factories import chair_of, make_affiliation, make_committee, page_text


def url(committee) -> str:
    return reverse("committees:affiliation_request", args=[committee.slug])


def test_it_offers_the_coordinating_committees_not_yet_joined(chair_client, committee):
    make_committee("coordinating", name="Minneapolis", region="US/MN/Minneapolis")
    make_committee(name="Another Workplace")
    response = chair_client.get(url(committee))
    assert response.status_code == 200
    text = page_text(response)
    assert "Minneapolis (US/MN/Minneapolis)" in text
    assert "Another Workplace" not in text
    assert "Twin Cities Transit Workers (" not in text


def test_it_searches_by_name(chair_client, committee):
    make_committee("coordinating", name="Minneapolis")
    make_committee("coordinating", name="Saint Paul")
    text = page_text(chair_client.get(url(committee), {"q": "saint"}))
    assert "Saint Paul" in text
    assert "Minneapolis (" not in text


def test_it_sends_the_request(chair_client, committee, chair):
    region = make_committee("coordinating", name="Minneapolis")
    response = chair_client.post(url(committee), {"parent": region.pk})
    assert response.status_code == 302
    affiliation = Affiliation.objects.get(child=committee, parent=region)
    assert (affiliation.status, affiliation.requested_by) == (AffiliationStatus.REQUESTED, chair)


def test_it_shows_why_a_cycle_is_refused(client, coordinating, committee):
    client.force_login(chair_of(coordinating))
    region = make_committee("coordinating", name="Minneapolis")
    make_affiliation(region, coordinating)
    response = client.post(url(coordinating), {"parent": region.pk})
    assert response.status_code == 400
    assert "would make a cycle" in page_text(response)
    assert not Affiliation.objects.filter(child=coordinating).exists()
