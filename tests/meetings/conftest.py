"""Meeting personas on top of tests/conftest.py: `secretary` is an active member of `committee`
with the secretary role; `meeting` is scheduled a week ahead; `open_meeting` is in progress."""

from __future__ import annotations

import pytest
from django.test import Client

from rankfile.accounts.models import Person
from rankfile.committees import services as committee_services
from rankfile.committees.models import Committee
from rankfile.meetings.models import Meeting
from tests.factories import chair_of, logged_in, make_member
from tests.meetings.helpers import make_meeting, make_open_meeting


@pytest.fixture
def secretary(committee: Committee) -> Person:
    person = make_member(committee, handle="secretary").person
    committee_services.role_assign(
        committee=committee, person=person, kind="secretary", by=chair_of(committee)
    )
    return person


@pytest.fixture
def secretary_client(client: Client, secretary: Person) -> Client:
    return logged_in(client, secretary)


@pytest.fixture
def meeting(committee: Committee, chair: Person) -> Meeting:
    return make_meeting(committee, agenda=["Reports", "Any other business"])


@pytest.fixture
def open_meeting(committee: Committee, chair: Person) -> Meeting:
    return make_open_meeting(committee, agenda=["Reports"])
