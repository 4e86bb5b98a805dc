"""Starting a campaign: officers of a committee."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from rankfile.motions.models import Motion, MotionKind
from rankfile.strikes.models import Campaign
from tests.factories import logged_in, page_text


def url(committee) -> str:
    return reverse("strikes:start", args=[committee.slug])


def form(**changes: str) -> dict[str, str]:
    today = timezone.localdate()
    data = {
        "title": "Open-ended general strike",
        "demands": "Agents out of the city\n\nRelease the detained\n agents  OUT of the city. ",
        "starts_on": (today + timedelta(days=14)).isoformat(),
        "ends_on": "",
        "threshold_percent": "60",
        "threshold_workplaces": "3",
        "deadline_on": (today + timedelta(days=7)).isoformat(),
    }
    data.update(changes)
    return data


def test_it_proposes_the_campaign_with_its_conditions_and_demands(
    client, coordinating, coordinator
):
    response = logged_in(client, coordinator).post(url(coordinating), form())
    motion = Motion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("motions:detail", args=[motion.pk])
    assert motion.kind == MotionKind.CAMPAIGN_START
    assert (motion.effect["threshold_percent"], motion.effect["threshold_workplaces"]) == (60, 3)
    deadline = datetime.fromisoformat(motion.effect["deadline_at"])
    assert timezone.localtime(deadline).date() == timezone.localdate() + timedelta(8)
    assert motion.effect["demands"] == [
        "Agents out of the city",
        "Release the detained",
        "agents  OUT of the city.",
    ]
    assert not Campaign.objects.exists()


def test_it_proposes_an_action_without_conditions(client, coordinating, coordinator):
    data = form(threshold_percent="", threshold_workplaces="", deadline_on="")
    logged_in(client, coordinator).post(url(coordinating), data)
    motion = Motion.objects.get()
    assert motion.effect["deadline_at"] is None
    assert "The action is called at once, without conditions." in motion.text


def test_it_shows_the_form(chair_client, committee):
    response = chair_client.get(url(committee))
    assert response.status_code == 200
    assert "Propose to the committee" in page_text(response)
    assert "The campaign starts when they adopt it." in page_text(response)


def test_it_keeps_what_was_typed_and_says_what_is_wrong(client, coordinating, coordinator):
    data = form(threshold_workplaces="", title="Keep this title")
    response = logged_in(client, coordinator).post(url(coordinating), data)
    assert response.status_code == 400
    assert "Keep this title" in response.content.decode()
    assert "or none of them" in page_text(response)
    assert not Campaign.objects.exists()


def test_it_refuses_a_deadline_after_the_start(client, coordinating, coordinator):
    today = timezone.localdate()
    data = form(deadline_on=(today + timedelta(days=20)).isoformat())
    response = logged_in(client, coordinator).post(url(coordinating), data)
    assert response.status_code == 400
    assert "before the action starts" in page_text(response)


def test_it_refuses_a_member_without_a_role(member_client, committee):
    assert member_client.get(url(committee)).status_code == 403
    assert member_client.post(url(committee), form()).status_code == 403
    assert not Campaign.objects.exists()


def test_it_hides_the_committee_from_an_outsider(outsider_client, committee):
    assert outsider_client.get(url(committee)).status_code == 404
    assert outsider_client.post(url(committee), form()).status_code == 404


def test_it_refuses_other_methods(chair_client, committee):
    assert chair_client.put(url(committee)).status_code == 405
    assert chair_client.delete(url(committee)).status_code == 405


def test_it_answers_an_empty_post_with_the_form_errors(client, coordinating, coordinator):
    response = logged_in(client, coordinator).post(url(coordinating), {})
    assert response.status_code == 400
    assert not Campaign.objects.exists()
