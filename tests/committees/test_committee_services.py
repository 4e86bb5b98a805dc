"""committee_found, committee_update, committee_bylaws_update."""

from __future__ import annotations

import pytest

from rankfile.audit.models import AuditEvent
from rankfile.committees import services
from rankfile.committees.models import (
    Committee,
    CommitteeClosure,
    Membership,
    MembershipStatus,
    Role,
    RoleKind,
)
from rankfile.core.errors import RuleViolation
from tests.factories import chair_of, make_committee, make_person

pytestmark = pytest.mark.django_db


def found(**overrides: object) -> Committee:
    values: dict[str, object] = {
        "by": make_person(),
        "name": "Heywood Bus Garage",
        "kind": "workplace",
        "sector": "transit",
        "region": "US/MN/Minneapolis",
        "workforce_estimate": 650,
    }
    values.update(overrides)
    return services.committee_found(**values)  # type: ignore[arg-type]


def test_it_makes_the_founder_an_active_member_and_the_chair():
    founder = make_person("founder")
    committee = found(by=founder)
    membership = Membership.objects.get(committee=committee)
    assert membership.person == founder
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.joined_at is not None
    assert list(Role.objects.filter(committee=committee).values_list("person", "kind")) == [
        (founder.pk, RoleKind.CHAIR)
    ]
    assert committee.active_member_count == 1


def test_it_adds_the_committee_to_the_closure_as_its_own_ancestor():
    committee = found()
    assert list(
        CommitteeClosure.objects.filter(descendant=committee).values_list("ancestor", "depth")
    ) == [(committee.pk, 0)]


def test_it_records_the_founding_in_the_log():
    founder = make_person("founder")
    committee = found(by=founder)
    event = AuditEvent.objects.get(committee=committee)
    assert (event.verb, event.actor, event.is_by_system) == ("committee.founded", founder, False)


def test_it_gives_two_committees_of_the_same_name_different_addresses():
    first, second = found(), found()
    assert first.slug == "heywood-bus-garage"
    assert second.slug == "heywood-bus-garage-2"


def test_it_gives_a_name_without_latin_letters_an_address_all_the_same():
    assert found(name="سائقو الحافلات").slug == "committee"


def test_it_cleans_the_slashes_around_a_region():
    assert found(region="/US/MN/ ").region == "US/MN"


def test_it_refuses_an_unknown_kind_and_writes_nothing():
    with pytest.raises(RuleViolation, match="Unknown kind"):
        found(kind="union")
    assert not Committee.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_keeps_no_workforce_estimate_for_a_coordinating_committee():
    assert found(kind="coordinating", workforce_estimate=500).workforce_estimate is None


def test_it_updates_the_details_and_says_which_fields_changed():
    committee = make_committee(name="Old name")
    chair = chair_of(committee)
    services.committee_update(
        committee=committee,
        by=chair,
        name="New name",
        sector="transit",
        region="US/MN/Minneapolis",
        workforce_estimate=100,
        description="Drivers and mechanics.",
    )
    committee.refresh_from_db()
    assert (committee.name, committee.description) == ("New name", "Drivers and mechanics.")
    event = AuditEvent.objects.filter(committee=committee).latest("id")
    assert (event.verb, event.actor, event.data) == (
        "committee.updated",
        chair,
        {"fields": ["description", "name"]},
    )


def test_it_logs_a_workforce_change_as_such():
    committee = make_committee(workforce_estimate=100)
    chair = chair_of(committee)
    services.committee_update(
        committee=committee,
        by=chair,
        name=committee.name,
        sector=committee.sector,
        region=committee.region,
        workforce_estimate=120,
        description="",
    )
    assert AuditEvent.objects.filter(committee=committee).latest("id").verb == (
        "committee.workforce_changed"
    )


def test_it_writes_no_event_when_nothing_changed():
    committee = make_committee()
    chair = chair_of(committee)
    events_before = AuditEvent.objects.count()
    services.committee_update(
        committee=committee,
        by=chair,
        name=committee.name,
        sector=committee.sector,
        region=committee.region,
        workforce_estimate=committee.workforce_estimate,
        description=committee.description,
    )
    assert AuditEvent.objects.count() == events_before


def test_it_saves_the_bylaws_that_are_set_and_inherits_the_rest():
    committee = make_committee()
    chair = chair_of(committee)
    services.committee_bylaws_update(
        committee=committee,
        by=chair,
        overrides={"vouches_needed": 2, "quorum_percent": None, "not_a_bylaw": 7},
    )
    committee.refresh_from_db()
    assert committee.bylaws_overrides == {"vouches_needed": 2}
    event = AuditEvent.objects.filter(committee=committee).latest("id")
    assert (event.verb, event.data) == (
        "committee.bylaws_changed",
        {"before": {}, "after": {"vouches_needed": 2}},
    )


def test_it_writes_no_bylaws_event_when_the_bylaws_are_the_same():
    committee = make_committee()
    chair = chair_of(committee)
    services.committee_bylaws_update(committee=committee, by=chair, overrides={"k_anonymity": 7})
    events_before = AuditEvent.objects.count()
    services.committee_bylaws_update(committee=committee, by=chair, overrides={"k_anonymity": 7})
    assert AuditEvent.objects.count() == events_before
