"""The affiliation DAG: requests, decisions, cycles, and the closure table kept in step."""

from __future__ import annotations

from collections import defaultdict

import pytest

from rankfile.audit.models import AuditEvent
from rankfile.committees import services
from rankfile.committees.models import (
    Affiliation,
    AffiliationStatus,
    Committee,
    CommitteeClosure,
    DelegateSeat,
    SeatEndReason,
)
from rankfile.core.errors import RuleViolation
from tests.factories import (
    chair_of,
    make_affiliation,
    make_committee,
    make_member,
    make_seat,
    request_affiliation,
)

pytestmark = pytest.mark.django_db


def closure_pairs() -> dict[tuple[int, int], int]:
    return {
        (ancestor, descendant): depth
        for ancestor, descendant, depth in CommitteeClosure.objects.values_list(
            "ancestor_id", "descendant_id", "depth"
        )
    }


def closure_from_scratch() -> dict[tuple[int, int], int]:
    """The closure as it must be: shortest paths over the accepted affiliations."""
    parents_of: dict[int, list[int]] = defaultdict(list)
    for child, parent in Affiliation.objects.filter(status=AffiliationStatus.ACCEPTED).values_list(
        "child_id", "parent_id"
    ):
        parents_of[child].append(parent)
    pairs = {}
    for committee_id in Committee.objects.values_list("pk", flat=True):
        depth_of = {committee_id: 0}
        frontier = [committee_id]
        while frontier:
            frontier_next = []
            for node in frontier:
                for parent in parents_of[node]:
                    if parent not in depth_of:
                        depth_of[parent] = depth_of[node] + 1
                        frontier_next.append(parent)
            frontier = frontier_next
        pairs.update({(ancestor, committee_id): d for ancestor, d in depth_of.items()})
    return pairs


@pytest.fixture
def federation() -> dict[str, Committee]:
    """A garage under an industry and a regional committee, both under the alliance."""
    alliance = make_committee("alliance", name="Alliance", sector="mixed", region="World")
    industry = make_committee("coordinating", name="Transit", parent=alliance, region="US/MN")
    region = make_committee("coordinating", name="Minneapolis", parent=alliance, sector="mixed")
    garage = make_committee(name="Garage")
    make_affiliation(garage, industry)
    make_affiliation(garage, region)
    return {"alliance": alliance, "industry": industry, "region": region, "garage": garage}


def test_it_records_a_request_in_the_logs_of_both_committees():
    parent = make_committee("coordinating", name="Transit")
    child = make_committee(name="Garage")
    affiliation = request_affiliation(child, parent)
    assert affiliation.status == AffiliationStatus.REQUESTED
    assert affiliation.requested_by == chair_of(child)
    assert AuditEvent.objects.filter(committee=child).latest("id").verb == ("affiliation.requested")
    received = AuditEvent.objects.filter(committee=parent).latest("id")
    assert (received.verb, received.data["other_name"]) == (
        "affiliation.request_received",
        "Garage",
    )


def test_it_refuses_a_base_committee_as_a_parent():
    garage = make_committee(name="Garage")
    depot = make_committee(name="Depot")
    with pytest.raises(RuleViolation, match="Only a coordinating committee or the alliance"):
        request_affiliation(depot, garage)
    assert not Affiliation.objects.exists()


def test_it_refuses_to_put_the_alliance_under_another_committee():
    alliance = make_committee("alliance")
    coordinating = make_committee("coordinating")
    with pytest.raises(RuleViolation, match="The alliance does not affiliate"):
        request_affiliation(alliance, coordinating)


def test_it_refuses_a_committee_affiliating_to_itself():
    coordinating = make_committee("coordinating")
    with pytest.raises(RuleViolation, match="cannot affiliate to itself"):
        request_affiliation(coordinating, coordinating)


def test_it_refuses_a_second_open_request_to_the_same_parent():
    parent = make_committee("coordinating", name="Transit")
    child = make_committee(name="Garage")
    request_affiliation(child, parent)
    with pytest.raises(RuleViolation, match="Garage has already asked to join Transit"):
        request_affiliation(child, parent)
    assert Affiliation.objects.count() == 1


def test_it_links_the_child_under_every_ancestor_of_the_parent_on_acceptance():
    alliance = make_committee("alliance")
    industry = make_committee("coordinating", parent=alliance)
    garage = make_committee()
    affiliation = make_affiliation(garage, industry)
    assert affiliation.status == AffiliationStatus.ACCEPTED
    assert affiliation.decided_by == chair_of(industry)
    pairs = closure_pairs()
    assert pairs[(industry.pk, garage.pk)] == 1
    assert pairs[(alliance.pk, garage.pk)] == 2
    assert pairs == closure_from_scratch()


def test_it_links_everything_under_the_child_when_a_coordinating_committee_joins():
    garage = make_committee()
    industry = make_committee("coordinating", name="Transit")
    make_affiliation(garage, industry)
    alliance = make_committee("alliance")
    make_affiliation(industry, alliance)
    assert closure_pairs()[(alliance.pk, garage.pk)] == 2
    assert closure_pairs() == closure_from_scratch()


def test_it_records_an_acceptance_in_the_logs_of_both_committees():
    parent = make_committee("coordinating", name="Transit")
    child = make_committee(name="Garage")
    make_affiliation(child, parent)
    assert AuditEvent.objects.filter(committee=parent).latest("id").verb == ("affiliation.accepted")
    assert AuditEvent.objects.filter(committee=child).latest("id").verb == (
        "affiliation.was_accepted"
    )


def test_it_refuses_to_decide_a_request_twice():
    parent = make_committee("coordinating")
    child = make_committee()
    affiliation = make_affiliation(child, parent)
    events_before = AuditEvent.objects.count()
    with pytest.raises(RuleViolation, match="already been decided"):
        services.affiliation_refuse(affiliation=affiliation, by=chair_of(parent))
    with pytest.raises(RuleViolation, match="already been decided"):
        services.affiliation_accept(affiliation=affiliation, by=chair_of(parent))
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.ACCEPTED
    assert AuditEvent.objects.count() == events_before


def test_it_links_nothing_when_a_request_is_refused():
    parent = make_committee("coordinating")
    child = make_committee()
    affiliation = services.affiliation_refuse(
        affiliation=request_affiliation(child, parent), by=chair_of(parent)
    )
    assert affiliation.status == AffiliationStatus.REFUSED
    assert (parent.pk, child.pk) not in closure_pairs()
    assert AuditEvent.objects.filter(committee=child).latest("id").verb == (
        "affiliation.was_refused"
    )


def test_it_lets_a_refused_committee_ask_again():
    parent = make_committee("coordinating")
    child = make_committee()
    services.affiliation_refuse(affiliation=request_affiliation(child, parent), by=chair_of(parent))
    assert request_affiliation(child, parent).status == AffiliationStatus.REQUESTED


def test_it_refuses_a_direct_cycle_with_a_clear_message():
    upper = make_committee("coordinating", name="Minnesota")
    lower = make_committee("coordinating", name="Minneapolis", parent=upper)
    with pytest.raises(RuleViolation) as refusal:
        request_affiliation(upper, lower)
    assert str(refusal.value) == (
        "Minneapolis is already a member of Minnesota, directly or further down; "
        "affiliating Minnesota to it would make a cycle."
    )
    assert Affiliation.objects.filter(child=upper).count() == 0


def test_it_refuses_a_cycle_two_levels_down():
    top = make_committee("coordinating", name="Midwest")
    middle = make_committee("coordinating", name="Minnesota", parent=top)
    bottom = make_committee("coordinating", name="Minneapolis", parent=middle)
    with pytest.raises(RuleViolation, match="Minneapolis is already a member of Midwest"):
        request_affiliation(top, bottom)
    assert closure_pairs() == closure_from_scratch()


def test_it_refuses_at_acceptance_a_cycle_that_two_crossed_requests_would_make():
    first = make_committee("coordinating", name="Minnesota")
    second = make_committee("coordinating", name="Minneapolis")
    up = request_affiliation(second, first)
    down = request_affiliation(first, second)
    services.affiliation_accept(affiliation=up, by=chair_of(first))
    with pytest.raises(RuleViolation, match="would make a cycle"):
        services.affiliation_accept(affiliation=down, by=chair_of(second))
    down.refresh_from_db()
    assert down.status == AffiliationStatus.REQUESTED
    assert closure_pairs() == closure_from_scratch()


def test_it_keeps_an_ancestor_reached_by_another_path_when_an_affiliation_ends(federation):
    garage_to_industry = Affiliation.objects.get(
        child=federation["garage"], parent=federation["industry"]
    )
    services.affiliation_end(affiliation=garage_to_industry, by=chair_of(federation["garage"]))
    pairs = closure_pairs()
    assert (federation["industry"].pk, federation["garage"].pk) not in pairs
    assert pairs[(federation["alliance"].pk, federation["garage"].pk)] == 2
    assert pairs == closure_from_scratch()


def test_it_removes_an_ancestor_when_its_last_path_ends(federation):
    garage = federation["garage"]
    for parent in ("industry", "region"):
        link = Affiliation.objects.get(child=garage, parent=federation[parent])
        services.affiliation_end(affiliation=link, by=chair_of(garage))
    pairs = closure_pairs()
    assert (federation["alliance"].pk, garage.pk) not in pairs
    assert pairs[(garage.pk, garage.pk)] == 0
    assert pairs == closure_from_scratch()


def test_it_lengthens_the_depth_when_the_shortest_path_ends(federation):
    garage, alliance = federation["garage"], federation["alliance"]
    direct = make_affiliation(garage, alliance)
    assert closure_pairs()[(alliance.pk, garage.pk)] == 1
    services.affiliation_end(affiliation=direct, by=chair_of(alliance))
    assert closure_pairs()[(alliance.pk, garage.pk)] == 2
    assert closure_pairs() == closure_from_scratch()


def test_it_cuts_the_whole_branch_below_when_a_coordinating_committee_leaves(federation):
    region_link = Affiliation.objects.get(child=federation["region"], parent=federation["alliance"])
    industry_link = Affiliation.objects.get(
        child=federation["industry"], parent=federation["alliance"]
    )
    services.affiliation_end(affiliation=region_link, by=chair_of(federation["region"]))
    assert (federation["alliance"].pk, federation["garage"].pk) in closure_pairs()
    services.affiliation_end(affiliation=industry_link, by=chair_of(federation["alliance"]))
    assert (federation["alliance"].pk, federation["garage"].pk) not in closure_pairs()
    assert closure_pairs() == closure_from_scratch()


def test_it_ends_the_delegate_seats_of_an_affiliation_that_ends():
    parent = make_committee("coordinating")
    child = make_committee(parent=parent)
    delegate = make_member(child).person
    seat = make_seat(child, parent, delegate)
    affiliation = Affiliation.objects.get(child=child, parent=parent)
    services.affiliation_end(affiliation=affiliation, by=chair_of(child))
    seat.refresh_from_db()
    assert seat.ended_at is not None
    assert seat.end_reason == SeatEndReason.REMOVED
    assert not DelegateSeat.objects.filter(ended_at__isnull=True).exists()
    assert AuditEvent.objects.filter(committee=parent, verb="affiliation.ended").exists()
    assert AuditEvent.objects.filter(committee=child, verb="affiliation.ended").exists()


def test_it_refuses_to_end_an_affiliation_that_was_never_accepted():
    parent = make_committee("coordinating")
    child = make_committee()
    affiliation = request_affiliation(child, parent)
    with pytest.raises(RuleViolation, match="Only an accepted affiliation can be ended"):
        services.affiliation_end(affiliation=affiliation, by=chair_of(child))
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.REQUESTED
