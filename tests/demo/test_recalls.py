"""The demo shows an open recall petition on the hospital committee's page, to its chair."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rankfile.accounts.models import Person
from rankfile.demo.scenario import demo_load
from rankfile.recalls.models import RecallPetition
from tests.factories import logged_in, page_text

pytestmark = pytest.mark.django_db


def test_it_shows_keisha_an_open_recall_petition_below_its_share(client):
    demo_load()
    petition = RecallPetition.objects.get()
    assert petition.status == "collecting" and petition.signature_count == 3
    assert petition.statement
    keisha = Person.objects.get(handle="keisha")
    text = page_text(
        logged_in(client, keisha).get(reverse("committees:detail", args=[petition.committee.slug]))
    )
    assert "Recall petitions" in text and "3 of " in text
