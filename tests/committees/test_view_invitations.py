"""Invitation links: officers create them (shown once) and revoke them."""

from __future__ import annotations

import re

from django.urls import reverse

from rankfile.committees import services
from rankfile.committees.models import Invitation
from tests.factories import last_message, make_committee, make_invitation, page_text


def url(committee) -> str:
    return reverse("committees:invitations", args=[committee.slug])


def revoke_url(committee, invitation) -> str:
    return reverse("committees:invitation_revoke", args=[committee.slug, invitation.pk])


def test_it_lists_the_links_with_their_use(chair_client, committee):
    make_invitation(committee, label="night shift", max_uses=10)
    response = chair_client.get(url(committee))
    assert response.status_code == 200
    assert "night shift 0 / 10" in page_text(response)


def test_it_creates_a_link_and_shows_it_once(chair_client, committee, client):
    response = chair_client.post(
        url(committee), {"label": "Ana", "valid_days": "7", "max_uses": "1"}
    )
    assert response.status_code == 200
    link = re.search(r'value="(http://testserver/join/[^"/]+/)"', response.content.decode())
    assert link
    invitation = Invitation.objects.get(label="Ana")
    assert invitation.max_uses == 1
    assert link.group(1) not in chair_client.get(url(committee)).content.decode()
    client.logout()
    assert client.get(link.group(1)).status_code == 200


def test_it_refuses_a_link_valid_for_too_long(chair_client, committee):
    response = chair_client.post(url(committee), {"label": "kept", "valid_days": "365"})
    assert response.status_code == 400
    assert "less than or equal to 90" in page_text(response)
    assert 'value="kept"' in response.content.decode()
    assert not Invitation.objects.filter(label="kept").exists()


def test_it_revokes_a_link(chair_client, committee):
    make_invitation(committee)
    invitation = Invitation.objects.get(committee=committee)
    response = chair_client.post(revoke_url(committee, invitation))
    assert response.status_code == 302
    assert last_message(response) == "The link no longer works."
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_it_does_not_revoke_a_link_of_another_committee(chair_client, committee):
    other = make_committee()
    make_invitation(other)
    invitation = Invitation.objects.get(committee=other)
    assert chair_client.post(revoke_url(committee, invitation)).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_it_keeps_the_first_revocation_time(chair_client, committee, chair):
    make_invitation(committee)
    invitation = Invitation.objects.get(committee=committee)
    services.invitation_revoke(invitation=invitation, by=chair)
    invitation.refresh_from_db()
    chair_client.post(revoke_url(committee, invitation))
    revoked_at = invitation.revoked_at
    invitation.refresh_from_db()
    assert invitation.revoked_at == revoked_at
