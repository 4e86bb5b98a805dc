"""federation_rollup and federation_tree: each base committee counted once per ancestor."""

from __future__ import annotations

import pytest

from rankfile.committees import services
from rankfile.committees.models import Affiliation, Committee
from rankfile.committees.selectors import RollupRow, federation_rollup, federation_tree
from tests.factories import chair_of, make_affiliation, make_committee, make_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def federation() -> dict[str, Committee]:
    """The garage belongs to an industry AND a regional committee, both under the alliance;
    the hospital only to the regional one. Coordinating committees have members of their own
    (their founders), who are not workers of a base committee and must not be counted."""
    alliance = make_committee("alliance", name="Alliance", sector="mixed", region="World")
    industry = make_committee(
        "coordinating", name="Transit", parent=alliance, sector="transit", region="US/MN"
    )
    region = make_committee(
        "coordinating", name="Minneapolis", parent=alliance, sector="mixed", region="US/MN/Mpls"
    )
    garage = make_committee(
        name="Garage", sector="transit", region="US/MN/Mpls", workforce_estimate=650
    )
    make_members(garage, 5)
    make_affiliation(garage, industry)
    make_affiliation(garage, region)
    hospital = make_committee(
        name="Hospital",
        parent=region,
        sector="health",
        region="US/MN/Mpls/Phillips",
        workforce_estimate=900,
    )
    make_members(hospital, 2)
    return {
        "alliance": alliance,
        "industry": industry,
        "region": region,
        "garage": garage,
        "hospital": hospital,
    }


def test_it_counts_a_workplace_under_two_coordinating_committees_once_at_the_alliance(federation):
    rollup = federation_rollup(committee_id=federation["alliance"].pk)
    assert rollup.base_committees == 2
    assert rollup.members == 6 + 3
    assert rollup.workforce == 650 + 900


def test_it_breaks_the_alliance_down_by_sector_counting_each_workplace_once(federation):
    rollup = federation_rollup(committee_id=federation["alliance"].pk)
    assert rollup.by_sector == [
        RollupRow("transit", base_committees=1, members=6, workforce=650),
        RollupRow("health", base_committees=1, members=3, workforce=900),
    ]


def test_it_breaks_the_alliance_down_by_region_counting_each_workplace_once(federation):
    rollup = federation_rollup(committee_id=federation["alliance"].pk)
    assert rollup.by_region == [
        RollupRow("US/MN/Mpls", base_committees=1, members=6, workforce=650),
        RollupRow("US/MN/Mpls/Phillips", base_committees=1, members=3, workforce=900),
    ]


def test_it_counts_only_what_is_under_a_coordinating_committee(federation):
    rollup = federation_rollup(committee_id=federation["industry"].pk)
    assert (rollup.base_committees, rollup.members) == (1, 6)


def test_it_follows_the_members_as_they_join(federation):
    make_members(federation["hospital"], 4)
    assert federation_rollup(committee_id=federation["alliance"].pk).members == 6 + 7


def test_it_stops_counting_a_workplace_whose_affiliations_ended(federation):
    garage = federation["garage"]
    for link in Affiliation.objects.filter(child=garage):
        services.affiliation_end(affiliation=link, by=chair_of(garage))
    rollup = federation_rollup(committee_id=federation["alliance"].pk)
    assert (rollup.base_committees, rollup.members) == (1, 3)


def test_it_shows_a_workplace_under_each_parent_in_the_tree_without_doubling_the_counts(
    federation,
):
    tree = federation_tree(committee=federation["alliance"], max_depth=2)
    assert (tree.base_committees, tree.members) == (2, 9)
    children = {node.committee.name: node for node in tree.children}
    assert sorted(children) == ["Minneapolis", "Transit"]
    assert [node.committee.name for node in children["Minneapolis"].children] == [
        "Garage",
        "Hospital",
    ]
    assert [node.committee.name for node in children["Transit"].children] == ["Garage"]
    assert (children["Minneapolis"].base_committees, children["Minneapolis"].members) == (2, 9)
    assert (children["Transit"].base_committees, children["Transit"].members) == (1, 6)


def test_it_stops_the_tree_at_the_depth_asked(federation):
    tree = federation_tree(committee=federation["alliance"], max_depth=1)
    assert all(node.children == [] for node in tree.children)
    assert tree.base_committees == 2
