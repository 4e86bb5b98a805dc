"""The strikes federation, on top of the shared personas (tests/conftest.py).

    alliance
    ├── coordinating (Twin Cities Transit, industry)  ── committee (Heywood Bus Garage, 650)
    └── region (Minneapolis)                           ── committee, hospital (health, 10)

The garage (`committee`) sits under both coordinating committees: a DAG. `chair`, `member` and
`delegate` are in the garage; `delegate` also sits on `coordinating`; `outsider` is in nothing.
"""

from __future__ import annotations

import pytest

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee
from rankfile.strikes.models import Campaign
from tests.factories import make_affiliation, make_committee, make_person
from tests.strikes.helpers import make_campaign


@pytest.fixture
def alliance(coordinating: Committee) -> Committee:
    alliance = make_committee(
        "alliance",
        by=make_person("alliance_chair"),
        name="Alliance",
        sector="mixed",
        region="World",
    )
    make_affiliation(coordinating, alliance)
    return alliance


@pytest.fixture
def region(alliance: Committee, committee: Committee) -> Committee:
    region = make_committee(
        "coordinating",
        by=make_person("region_chair"),
        name="Minneapolis",
        sector="mixed",
        region="US/MN/Minneapolis",
        parent=alliance,
    )
    make_affiliation(committee, region)
    return region


@pytest.fixture
def hospital(region: Committee) -> Committee:
    return make_committee(
        by=make_person("hospital_chair"),
        name="Hennepin Hospital",
        sector="health",
        region="US/MN/Minneapolis",
        workforce_estimate=10,
        parent=region,
    )


@pytest.fixture
def campaign(coordinating: Committee, committee: Committee) -> Campaign:
    """Collecting pledges: 50 % of the workforce of 1 workplace, deadline in a week."""
    return make_campaign(coordinating)


@pytest.fixture
def called(coordinating: Committee, committee: Committee) -> Campaign:
    """A campaign called without conditions, under way from today."""
    from django.utils import timezone

    return make_campaign(coordinating, percent=None, starts_on=timezone.localdate())


@pytest.fixture
def coordinator(coordinating: Committee) -> Person:
    from tests.factories import chair_of

    return chair_of(coordinating)
