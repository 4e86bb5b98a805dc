"""An adopted resolution is forwarded to a coordinating committee, where the committees that
endorse it are shown with the workers they represent (k-anonymous)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rankfile.audit.models import AuditEvent
from rankfile.core.errors import RuleViolation
from rankfile.motions import services
from rankfile.motions.models import Forwarding, Motion, MotionStatus
from tests.factories import (
    chair_of,
    last_message,
    logged_in,
    make_committee,
    make_members,
    page_text,
    set_bylaws,
)
from tests.meetings.helpers import check_in
from tests.motions.helpers import (
    adopt_in_meeting,
    make_motion,
    make_motion_on_agenda,
    vote_and_close,
)


@pytest.fixture
def resolution(committee, open_meeting, chair):
    people = [m.person for m in make_members(committee, 3)]
    check_in(open_meeting, *people)
    motion = make_motion_on_agenda(committee, open_meeting)
    services.motion_put_to_vote(motion=motion, by=chair)
    return vote_and_close(motion, yes=people)


def test_it_forwards_a_resolution_to_a_committee_above(
    chair_client, resolution, coordinating, committee
):
    response = chair_client.post(
        reverse("motions:forward", args=[resolution.pk]), {"committee": coordinating.pk}
    )
    assert last_message(response) == "The resolution is forwarded to Twin Cities Transit Workers."
    assert Forwarding.objects.get().parent == coordinating
    assert AuditEvent.objects.filter(verb="resolution.forwarded", committee=committee).exists()
    assert AuditEvent.objects.filter(verb="resolution.received", committee=coordinating).exists()
    again = chair_client.post(
        reverse("motions:forward", args=[resolution.pk]), {"committee": coordinating.pk}
    )
    assert last_message(again) == "Choose a committee this committee belongs to."
    assert Forwarding.objects.count() == 1


def test_it_refuses_to_forward_what_is_not_an_adopted_resolution(committee, chair, coordinating):
    motion = make_motion(committee, seconded_by=chair)
    with pytest.raises(RuleViolation) as refused:
        services.resolution_forward(motion=motion, parent=coordinating, by=chair)
    assert refused.value.message == "Only an adopted resolution can be forwarded."


def test_it_refuses_a_committee_this_one_does_not_belong_to(resolution, chair):
    elsewhere = make_committee("coordinating", name="Elsewhere")
    with pytest.raises(RuleViolation) as refused:
        services.resolution_forward(motion=resolution, parent=elsewhere, by=chair)
    assert "is not a committee this committee belongs to" in refused.value.message


def test_it_shows_the_endorsing_committees_and_the_workers_they_represent(
    resolution, coordinating, committee, chair
):
    set_bylaws(coordinating, k_anonymity=5)
    forwarding = services.resolution_forward(motion=resolution, parent=coordinating, by=chair)
    depot = make_committee(name="North Depot", parent=coordinating, workforce_estimate=None)
    make_members(depot, 2)  # 3 active members with its chair: below k
    services.resolution_endorse(forwarding=forwarding, committee=depot, by=chair_of(depot))

    viewer = logged_in(Client(), chair_of(depot))
    response = viewer.get(reverse("motions:forwarded", args=[coordinating.slug, resolution.pk]))
    assert response.status_code == 200
    text = page_text(response)
    assert "Heywood Bus Garage (adopted it) 650" in text
    # North Depot gives no workforce estimate: its 3 members stand in, shown as below k.
    assert "North Depot fewer than 5 fewer than 5" in text
    # 650 + 3 workers; members 6 + 3.
    assert "2 committees 653 9" in text


def test_an_officer_proposes_and_the_members_of_another_committee_under_it_endorse(
    resolution, coordinating, chair
):
    forwarding = services.resolution_forward(motion=resolution, parent=coordinating, by=chair)
    depot = make_committee(name="North Depot", parent=coordinating)
    officer = logged_in(Client(), chair_of(depot))
    page = reverse("motions:forwarded", args=[coordinating.slug, resolution.pk])
    assert "Propose to the committee that it endorse" in page_text(officer.get(page))
    endorse = reverse("motions:endorse", args=[coordinating.slug, resolution.pk])
    response = officer.post(endorse, {"committee": depot.pk})
    motion = Motion.objects.get(committee=depot)
    assert response["Location"] == reverse("motions:detail", args=[motion.pk])
    assert motion.effect == {"endorses": "resolution", "forwarding_id": forwarding.pk}
    assert not forwarding.endorsements.exists()

    motion = adopt_in_meeting(motion)
    assert motion.status == MotionStatus.ADOPTED
    assert forwarding.endorsements.get().committee == depot
    assert AuditEvent.objects.filter(
        verb="resolution.endorsement_received", committee=coordinating
    ).exists()
    again = officer.post(endorse, {"committee": depot.pk})
    assert last_message(again) == "North Depot already endorses this resolution."
    assert Motion.objects.filter(committee=depot).count() == 1


def test_it_refuses_the_endorsement_of_a_member_without_a_role(
    resolution, coordinating, chair, member_client
):
    services.resolution_forward(motion=resolution, parent=coordinating, by=chair)
    response = member_client.post(
        reverse("motions:endorse", args=[coordinating.slug, resolution.pk]),
        {"committee": resolution.committee_id},
    )
    assert response.status_code == 403


def test_it_hides_a_forwarded_resolution_from_outsiders(
    resolution, coordinating, chair, outsider_client
):
    services.resolution_forward(motion=resolution, parent=coordinating, by=chair)
    page = reverse("motions:forwarded", args=[coordinating.slug, resolution.pk])
    assert outsider_client.get(page).status_code == 404
    endorse = reverse("motions:endorse", args=[coordinating.slug, resolution.pk])
    assert outsider_client.post(endorse).status_code == 404
    assert outsider_client.get(endorse).status_code == 405


def test_it_answers_404_for_a_resolution_not_forwarded_there(
    resolution, coordinating, chair_client
):
    page = reverse("motions:forwarded", args=[coordinating.slug, resolution.pk])
    assert chair_client.get(page).status_code == 404


def test_it_lists_resolutions_forwarded_to_the_coordinating_committee(
    resolution, coordinating, chair
):
    services.resolution_forward(motion=resolution, parent=coordinating, by=chair)
    viewer = logged_in(Client(), chair_of(coordinating))
    text = page_text(viewer.get(reverse("motions:list", args=[coordinating.slug])))
    assert "Resolutions forwarded here" in text
    assert "Wages" in text
