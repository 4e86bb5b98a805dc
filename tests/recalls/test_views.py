"""The recall pages: the committee's list with its form, a petition's page, signing and
withdrawing from it, the holder's answer on the recall vote's page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rankfile.recalls.models import RecallPetition
from tests.factories import logged_in, make_member, page_text, set_bylaws
from tests.recalls.helpers import open_petition, seat_of, sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def others(committee, chair, member, delegate):
    return [make_member(committee).person for _ in range(5)]


def test_it_opens_a_petition_from_the_list_and_shows_its_count(
    client, committee, member, delegate, others
):
    logged_in(client, member)
    url = reverse("recalls:list", args=[committee.slug])
    response = client.post(
        url, {"target": f"seat-{seat_of(delegate).pk}", "reason": "Voted against the strike"}
    )
    petition = RecallPetition.objects.get()
    assert response["Location"] == reverse("recalls:detail", args=[committee.slug, petition.pk])
    text = page_text(client.get(response["Location"]))
    assert "1 of 2 signatures" in text and "You have signed." in text
    assert "Recall of delegate, delegate to Twin Cities Transit Workers" in text


def test_it_keeps_what_was_typed_when_the_form_is_wrong(client, committee, member, delegate):
    logged_in(client, member)
    url = reverse("recalls:list", args=[committee.slug])
    response = client.post(url, {"target": "seat-999999", "reason": "Kept text"})
    assert response.status_code == 400
    assert "Kept text" in response.content.decode()
    assert RecallPetition.objects.count() == 0


def test_it_shows_open_petitions_on_the_committee_page(client, committee, member, delegate, others):
    set_bylaws(committee, recall_petition_percent=50)
    open_petition(committee, member, delegate)
    text = page_text(
        logged_in(client, others[0]).get(reverse("committees:detail", args=[committee.slug]))
    )
    assert "Recall of delegate, delegate to Twin Cities Transit Workers" in text
    assert "1 of 4 signatures" in text


def test_signing_the_last_signature_goes_to_the_recall_vote(
    client, committee, member, delegate, others
):
    petition = open_petition(committee, member, delegate)
    response = logged_in(client, others[0]).post(
        reverse("recalls:sign", args=[committee.slug, petition.pk])
    )
    petition.refresh_from_db()
    assert petition.poll is not None
    assert response["Location"] == reverse("votes:detail", args=[petition.poll.pk])


def test_it_says_why_a_signature_cannot_be_withdrawn(client, committee, member, delegate, others):
    set_bylaws(committee, recall_petition_percent=50)
    petition = open_petition(committee, member, delegate)
    response = logged_in(client, others[0]).post(
        reverse("recalls:withdraw", args=[committee.slug, petition.pk]), follow=True
    )
    assert "You have not signed this petition." in page_text(response)
    assert RecallPetition.objects.get().signature_count == 1


def test_the_holders_answer_is_on_the_recall_vote_page(client, committee, member, delegate, others):
    petition = open_petition(committee, member, delegate)
    logged_in(client, delegate).post(
        reverse("recalls:statement", args=[committee.slug, petition.pk]),
        {"statement": "I carried the mandate"},
    )
    petition = sign(petition, others[0])
    assert petition.poll is not None
    text = page_text(
        logged_in(client, member).get(reverse("votes:detail", args=[petition.poll.pk]))
    )
    assert "delegate answers:" in text and "I carried the mandate" in text
    assert "Voted against the strike" in text  # the petition's reason


def test_the_list_reads_in_a_fixed_number_of_queries(
    client, committee, chair, member, delegate, others, django_assert_num_queries
):
    from rankfile.committees.models import Role
    from rankfile.recalls.services import recall_petition_open

    set_bylaws(committee, recall_petition_percent=100)
    open_petition(committee, member, delegate)
    chair_role = Role.objects.get(committee=committee, person=chair, kind="chair")
    recall_petition_open(committee=committee, by=member, reason="Absent", role=chair_role)
    logged_in(client, member)
    with django_assert_num_queries(10):  # the same with one petition: none per petition
        assert client.get(reverse("recalls:list", args=[committee.slug])).status_code == 200
