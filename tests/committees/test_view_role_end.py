"""A role ends by its holder's resignation; the chair cannot end someone else's role."""

from __future__ import annotations

from django.urls import reverse

from rankfile.audit.models import AuditEvent
from rankfile.committees import services
from rankfile.committees.models import Role
from tests.factories import last_message, logged_in, make_committee

HOLDER_ONLY = (
    "Only its holder can end it, by resigning. Someone else's seat or role ends at the end of "
    "its term, by a recall the members vote, or by a suspension under the bylaws."
)


def url(committee, role) -> str:
    return reverse("committees:role_end", args=[committee.slug, role.pk])


def test_it_asks_the_holder_to_confirm(client, committee, chair, member):
    role = services.role_assign(committee=committee, person=member, kind="secretary", by=chair)
    response = logged_in(client, member).get(url(committee, role))
    assert response.status_code == 200
    assert "You are about to resign as secretary." in response.content.decode()
    role.refresh_from_db()
    assert role.ended_at is None


def test_it_lets_the_holder_resign_and_writes_it_in_the_log(client, committee, chair, member):
    role = services.role_assign(committee=committee, person=member, kind="secretary", by=chair)
    response = logged_in(client, member).post(url(committee, role))
    assert last_message(response) == "You have resigned."
    role.refresh_from_db()
    assert role.ended_at is not None
    event = AuditEvent.objects.filter(committee=committee, verb="role.ended").get()
    assert (event.actor_id, event.subject_id) == (member.pk, member.pk)


def test_it_refuses_the_chair_ending_someone_elses_role(chair_client, committee, chair, member):
    role = services.role_assign(committee=committee, person=member, kind="secretary", by=chair)
    events = AuditEvent.objects.count()
    response = chair_client.post(url(committee, role))
    assert last_message(response) == HOLDER_ONLY
    role.refresh_from_db()
    assert role.ended_at is None
    assert AuditEvent.objects.count() == events


def test_it_shows_the_chair_the_reason_instead_of_a_button(chair_client, committee, chair, member):
    role = services.role_assign(committee=committee, person=member, kind="secretary", by=chair)
    page = chair_client.get(url(committee, role)).content.decode()
    assert HOLDER_ONLY in page
    assert 'type="submit" class="danger"' not in page


def test_it_keeps_the_last_chair_and_says_why(chair_client, committee, chair):
    role = Role.objects.get(committee=committee, person=chair)
    response = chair_client.post(url(committee, role))
    assert last_message(response) == "A committee needs a chair: make another member chair first."
    role.refresh_from_db()
    assert role.ended_at is None


def test_it_does_not_find_an_ended_role(client, committee, chair, member):
    role = services.role_assign(committee=committee, person=member, kind="secretary", by=chair)
    services.role_resign(role=role, by=member)
    assert logged_in(client, member).post(url(committee, role)).status_code == 404


def test_it_does_not_find_a_role_in_another_committee(chair_client, committee):
    other_role = Role.objects.get(committee=make_committee())
    assert chair_client.post(url(committee, other_role)).status_code == 404
    other_role.refresh_from_db()
    assert other_role.ended_at is None
