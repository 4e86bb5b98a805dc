"""Founding a committee from the web."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees.models import Committee, Role
from tests.factories import count_rows, logged_in, make_person, page_text

URL = reverse("committees:found")
GARAGE = {
    "name": "Lake Street Warehouse",
    "kind": "workplace",
    "sector": "logistics",
    "region": " US / MN / Minneapolis ",
    "workforce_estimate": "480",
    "description": "Pickers and drivers.",
}


def test_it_shows_the_form(outsider_client):
    response = outsider_client.get(URL)
    assert response.status_code == 200
    assert "How many people work or study there" in page_text(response)


def test_it_founds_the_committee_and_makes_the_founder_its_chair(outsider_client, outsider):
    response = outsider_client.post(URL, GARAGE)
    committee = Committee.objects.get(name="Lake Street Warehouse")
    assert response.status_code == 302
    assert response["Location"] == reverse("committees:detail", args=[committee.slug])
    assert (committee.region, committee.workforce_estimate) == ("US/MN/Minneapolis", 480)
    assert Role.objects.get(committee=committee).person == outsider
    page = outsider_client.get(response["Location"])
    assert "Lake Street Warehouse is founded. You are its chair." in page_text(page)


def test_it_lets_only_an_operator_found_a_coordinating_committee(db, client):
    for person, status in ((make_person(), 400), (make_person(is_operator=True), 302)):
        response = logged_in(client, person).post(URL, {**GARAGE, "kind": "coordinating"})
        assert response.status_code == status
    assert Committee.objects.get().kind == "coordinating"


def test_it_refuses_a_region_that_is_not_a_path_and_keeps_what_was_typed(outsider_client):
    before = count_rows(Committee)
    response = outsider_client.post(URL, {**GARAGE, "region": "US//MN"})
    assert response.status_code == 400
    assert "Write the region as a path" in page_text(response)
    assert 'value="Lake Street Warehouse"' in response.content.decode()
    assert count_rows(Committee) == before
