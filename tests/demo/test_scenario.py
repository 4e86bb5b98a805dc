"""`rankfile demo`: the scenario a newcomer sees first, loaded once, never twice."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q

from rankfile.accounts.models import Person
from rankfile.committees.models import (
    BASE_KINDS,
    Affiliation,
    Committee,
    DelegateSeat,
    Membership,
    MembershipStatus,
    Role,
)
from rankfile.committees.selectors import federation_rollup
from rankfile.demo.federation import ALLIANCE, BASES, INDUSTRY, REGIONS
from rankfile.demo.people import DEMO_PASSWORD, PERSONAS


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker) -> Iterator[str]:
    """Load the demo once for this module, and roll it back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("demo", "--url", "http://rankfile.test", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output: str, db: None) -> str:
    return demo_output


def test_it_loads_the_base_committees(demo):
    bases = Committee.objects.filter(kind__in=BASE_KINDS)
    assert bases.count() >= 6
    assert {"workplace", "school", "neighbourhood"} <= set(bases.values_list("kind", flat=True))


def test_it_loads_the_industry_and_regional_committees_and_the_alliance(demo):
    coordinating = set(Committee.objects.filter(kind="coordinating").values_list("name", flat=True))
    assert coordinating == {name for name, *_ in INDUSTRY.values()} | {
        name for name, _ in REGIONS.values()
    }
    assert list(Committee.objects.filter(kind="alliance").values_list("name", flat=True)) == [
        ALLIANCE[0]
    ]


def test_it_loads_about_two_hundred_members(demo):
    active_in_bases = Membership.objects.filter(
        status=MembershipStatus.ACTIVE, committee__kind__in=BASE_KINDS
    ).count()
    assert 180 <= active_in_bases <= 250


def test_it_keeps_every_member_count_true(demo):
    committees = Committee.objects.annotate(
        real=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
    )
    assert [(c.name, c.active_member_count) for c in committees] == [
        (c.name, c.real) for c in committees
    ]


def test_it_gives_every_committee_of_the_scenario_a_chair_and_a_secretary(demo):
    for base in BASES:
        kinds = Role.objects.filter(committee__name=base.name, ended_at__isnull=True).values_list(
            "kind", flat=True
        )
        assert sorted(kinds) == ["chair", "secretary"], base.name


def test_it_seats_delegates_of_each_affiliated_committee(demo):
    for link in Affiliation.objects.filter(status="accepted", child__kind__in=BASE_KINDS):
        seats = DelegateSeat.objects.filter(
            parent=link.parent, committee=link.child, ended_at__isnull=True
        )
        assert seats.count() == 2, (link.child.name, link.parent.name)


def test_it_counts_each_workplace_once_at_the_alliance(demo):
    alliance = Committee.objects.get(kind="alliance")
    rollup = federation_rollup(committee_id=alliance.pk)
    affiliated = Committee.objects.filter(kind__in=BASE_KINDS, parent_links__status="accepted")
    assert rollup.base_committees == affiliated.distinct().count() >= 6
    assert rollup.members == sum(c.active_member_count for c in affiliated.distinct())


def test_it_leaves_a_request_waiting_for_a_decision(demo):
    assert Affiliation.objects.filter(status="requested").count() == 1


def test_it_prints_the_logins_and_an_invitation_link(demo):
    assert f"Demo logins (password for all: {DEMO_PASSWORD})" in demo
    for handle in [*PERSONAS, "operator"]:
        assert re.search(rf"^\s+{handle}\s", demo, re.M), handle
    assert re.search(r"http://rankfile\.test/join/[\w-]+/", demo)


def test_it_lets_the_printed_personas_log_in(demo):
    assert Person.objects.get(handle="marisol").check_password(DEMO_PASSWORD)
    assert Person.objects.get(handle="operator").is_operator


def test_it_prints_an_invitation_link_that_works(demo, client):
    path = re.search(r"http://rankfile\.test(/join/[\w-]+/)", demo).group(1)
    response = client.get(path)
    assert response.status_code == 200
    assert "Hennepin General Hospital" in response.content.decode()


def test_it_does_not_load_the_scenario_twice(demo):
    models = (Person, Committee, Affiliation, Membership, Role, DelegateSeat)
    before = {model.__name__: model.objects.count() for model in models}
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "The demo scenario is already loaded." in out.getvalue()
    assert {model.__name__: model.objects.count() for model in models} == before


def test_it_says_nothing_of_a_loaded_scenario_when_asked_to_load_only_if_empty(demo):
    out = io.StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "already loaded" not in out.getvalue()
    assert "Demo logins" in out.getvalue()
