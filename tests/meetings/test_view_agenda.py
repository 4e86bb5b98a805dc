"""Officers add, move and remove agenda items."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import last_message
from tests.meetings.helpers import make_closed_meeting


def titles(meeting):
    return list(meeting.agenda_items.order_by("position").values_list("title", flat=True))


def test_it_adds_an_item(chair_client, meeting):
    response = chair_client.post(
        reverse("meetings:agenda_add", args=[meeting.pk]), {"title": "Fund"}
    )
    assert last_message(response) == "The item is on the agenda."
    assert titles(meeting) == ["Reports", "Any other business", "Fund"]


def test_it_moves_an_item_up(chair_client, meeting):
    item = meeting.agenda_items.get(title="Any other business")
    url = reverse("meetings:agenda_move", args=[meeting.pk, item.pk])
    chair_client.post(url, {"direction": "up"})
    assert titles(meeting) == ["Any other business", "Reports"]
    response = chair_client.post(url, {"direction": "up"})
    assert last_message(response) == "It is already the first item."


def test_it_removes_an_item(chair_client, meeting):
    item = meeting.agenda_items.get(title="Reports")
    chair_client.post(reverse("meetings:agenda_remove", args=[meeting.pk, item.pk]))
    assert titles(meeting) == ["Any other business"]


def test_it_refuses_bad_input_without_failing(chair_client, meeting):
    item = meeting.agenda_items.first()
    move = reverse("meetings:agenda_move", args=[meeting.pk, item.pk])
    assert last_message(chair_client.post(move, {"direction": "sideways"})) == (
        "Move an item up or down."
    )
    add = reverse("meetings:agenda_add", args=[meeting.pk])
    assert chair_client.post(add, {"title": ""}).status_code == 302
    assert chair_client.post(add, {"title": "x" * 1000}).status_code == 302
    assert titles(meeting) == ["Reports", "Any other business"]


def test_it_answers_404_for_an_item_of_another_meeting(chair_client, committee, meeting):
    other = make_closed_meeting(committee, agenda=["Elsewhere"])
    item = other.agenda_items.get()
    response = chair_client.post(reverse("meetings:agenda_remove", args=[meeting.pk, item.pk]))
    assert response.status_code == 404


def test_it_refuses_changes_to_a_closed_meeting(chair_client, committee):
    closed = make_closed_meeting(committee, agenda=["A"])
    response = chair_client.post(reverse("meetings:agenda_add", args=[closed.pk]), {"title": "B"})
    assert last_message(response) == "The meeting is closed."
    assert titles(closed) == ["A"]
