"""Downloading one's data as JSON."""

from __future__ import annotations

import json

from django.urls import reverse

URL = reverse("accounts:export")


def test_it_sends_the_person_data_as_a_json_download(client, delegate):
    delegate.real_name = "Dolores Huerta"
    delegate.save()
    client.force_login(delegate)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="rankfile-my-data.json"'
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["account"]["real_name"] == "Dolores Huerta"
    assert {m["committee"] for m in data["memberships"]} == {
        "Heywood Bus Garage",
        "Twin Cities Transit Workers",
    }


def test_it_exports_only_the_person_own_data(member_client, delegate):
    delegate.real_name = "Dolores Huerta"
    delegate.save()
    data = json.loads(member_client.get(URL).content)
    assert data["account"]["handle"] == "member"
    assert data["delegate_seats"] == []
    assert "Dolores" not in json.dumps(data)
