"""The chair ends a role."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees import services
from rankfile.committees.models import Role
from tests.factories import last_message, make_committee


def url(committee, role) -> str:
    return reverse("committees:role_end", args=[committee.slug, role.pk])


def test_it_ends_the_role(chair_client, committee, chair, member):
    role = services.role_assign(committee=committee, person=member, kind="secretary", by=chair)
    response = chair_client.post(url(committee, role))
    assert response.status_code == 302
    assert last_message(response) == "Role ended."
    role.refresh_from_db()
    assert role.ended_at is not None


def test_it_keeps_the_last_chair_and_says_why(chair_client, committee, chair):
    role = Role.objects.get(committee=committee, person=chair)
    response = chair_client.post(url(committee, role))
    assert last_message(response) == "A committee needs a chair: make another member chair first."
    role.refresh_from_db()
    assert role.ended_at is None


def test_it_does_not_find_an_ended_role(chair_client, committee, chair, member):
    role = services.role_assign(committee=committee, person=member, kind="secretary", by=chair)
    services.role_end(role=role, by=chair)
    assert chair_client.post(url(committee, role)).status_code == 404


def test_it_does_not_find_a_role_in_another_committee(chair_client, committee):
    other_role = Role.objects.get(committee=make_committee())
    assert chair_client.post(url(committee, other_role)).status_code == 404
    other_role.refresh_from_db()
    assert other_role.ended_at is None
