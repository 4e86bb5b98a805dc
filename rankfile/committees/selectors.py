"""Reads shared by views, the API and benchmarks."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from django.db import connection
from django.db.models import QuerySet

from rankfile.accounts.models import Person
from rankfile.committees.models import (
    BASE_KINDS,
    Affiliation,
    AffiliationStatus,
    Committee,
    CommitteeClosure,
    DelegateSeat,
    Membership,
    MembershipStatus,
    Role,
)


def memberships_of_person(*, person_id: int) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(person_id=person_id)
        .exclude(status=MembershipStatus.LEFT)
        .select_related("committee")
        .prefetch_related("vouches")
        .order_by("committee__name")
    )


def committee_active_members(*, committee: Committee) -> QuerySet[Membership]:
    return (
        Membership.objects.active()
        .filter(committee=committee)
        .select_related("person")
        .order_by("person__handle")
    )


def committee_active_member_by_handle(*, committee: Committee, handle: str) -> Person | None:
    """The active member of the committee with that handle, whatever its case."""
    return Person.objects.filter(
        handle__iexact=handle,
        pk__in=Membership.objects.active().filter(committee=committee).values("person_id"),
    ).first()


def committee_applicants(*, committee: Committee) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(committee=committee, status=MembershipStatus.APPLIED)
        .select_related("person")
        .prefetch_related("vouches")
        .order_by("applied_at")
    )


def committee_roles(*, committee: Committee) -> QuerySet[Role]:
    return (
        Role.objects.filter(committee=committee, ended_at__isnull=True)
        .select_related("person")
        .order_by("kind", "person__handle")
    )


def committee_delegations_out(*, committee: Committee) -> QuerySet[DelegateSeat]:
    """Seats this committee's members hold on parent committees."""
    return DelegateSeat.objects.filter(committee=committee, ended_at__isnull=True).select_related(
        "person", "parent"
    )


def committee_seats_in(*, committee: Committee) -> QuerySet[DelegateSeat]:
    """Delegates sitting on this committee, with the committee each represents."""
    return DelegateSeat.objects.filter(parent=committee, ended_at__isnull=True).select_related(
        "person", "committee"
    )


def committee_parents(*, committee: Committee) -> QuerySet[Affiliation]:
    return (
        Affiliation.objects.filter(child=committee)
        .exclude(status__in=[AffiliationStatus.REFUSED, AffiliationStatus.ENDED])
        .select_related("parent")
        .order_by("parent__name")
    )


def committee_children(*, committee: Committee) -> QuerySet[Affiliation]:
    return (
        Affiliation.objects.filter(parent=committee)
        .exclude(status__in=[AffiliationStatus.REFUSED, AffiliationStatus.ENDED])
        .select_related("child")
        .order_by("child__name")
    )


@dataclasses.dataclass(frozen=True)
class RollupRow:
    key: str
    base_committees: int
    members: int
    workforce: int


@dataclasses.dataclass(frozen=True)
class FederationRollup:
    base_committees: int
    members: int
    workforce: int
    by_sector: list[RollupRow]
    by_region: list[RollupRow]


_ROLLUP_SQL = """
SELECT c.sector, c.region, COUNT(*), COALESCE(SUM(c.active_member_count), 0),
       COALESCE(SUM(c.workforce_estimate), 0)
FROM committees_committeeclosure cl
JOIN committees_committee c ON c.id = cl.descendant_id
WHERE cl.ancestor_id = %s AND c.kind IN (%s, %s, %s)
GROUP BY c.sector, c.region
"""


def federation_rollup(*, committee_id: int) -> FederationRollup:
    """Members and base committees under a committee, by sector and by region.

    The closure table holds each (ancestor, descendant) pair once, so a workplace under an
    industry and a regional committee of the same alliance is counted once at the alliance.
    One query, grouped by (sector, region); the two breakdowns are summed from it.
    """
    with connection.cursor() as cursor:
        cursor.execute(_ROLLUP_SQL, [committee_id, *[str(kind) for kind in BASE_KINDS]])
        rows = cursor.fetchall()
    by_sector: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_region: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for sector, region, committees, members, workforce in rows:
        for bucket in (by_sector[sector], by_region[region]):
            bucket[0] += committees
            bucket[1] += int(members)
            bucket[2] += int(workforce)

    def listed(groups: dict[str, list[int]]) -> list[RollupRow]:
        return sorted(
            (RollupRow(key, *values) for key, values in groups.items()),
            key=lambda row: (-row.members, row.key),
        )

    return FederationRollup(
        base_committees=sum(row[2] for row in rows),
        members=sum(int(row[3]) for row in rows),
        workforce=sum(int(row[4]) for row in rows),
        by_sector=listed(by_sector),
        by_region=listed(by_region),
    )


@dataclasses.dataclass
class TreeNode:
    committee: Committee
    base_committees: int
    members: int
    children: list[TreeNode]
    more_children: int = 0


def federation_tree(
    *, committee: Committee, max_depth: int = 2, max_nodes: int = 2000, max_children: int = 40
) -> TreeNode:
    """The committees under `committee`, each with the members and base committees under it
    (each counted once). A committee reached by two paths appears under each parent, but the
    counts never double. The tree is cut to at most `max_nodes` committees (shallower when the
    federation is large) and `max_children` per committee, with the rest counted."""
    below = CommitteeClosure.objects.filter(ancestor_id=committee.pk)
    while max_depth > 1 and below.filter(depth__lte=max_depth).count() > max_nodes:
        max_depth -= 1
    nodes = {
        c.pk: c
        for c in Committee.objects.filter(
            pk__in=below.filter(depth__lte=max_depth).values("descendant_id")
        )
    }
    edges = defaultdict(list)
    for child_id, parent_id in Affiliation.objects.filter(
        status=AffiliationStatus.ACCEPTED, parent_id__in=nodes, child_id__in=nodes
    ).values_list("child_id", "parent_id"):
        edges[parent_id].append(child_id)

    def shown_children(node_id: int, depth: int) -> tuple[list[int], int]:
        if depth >= max_depth:
            return [], 0
        kids = sorted(edges.get(node_id, []), key=lambda pk: nodes[pk].name)
        return kids[:max_children], max(0, len(kids) - max_children)

    # Walk first, so that the totals are summed only for the committees actually shown.
    shown: list[int] = []
    frontier = [(committee.pk, 0)]
    while frontier:
        node_id, depth = frontier.pop()
        shown.append(node_id)
        frontier.extend((kid, depth + 1) for kid in shown_children(node_id, depth)[0])
    totals = _totals_under(sorted({pk for pk in shown if not nodes[pk].is_base}))

    def build(node_id: int, depth: int) -> TreeNode:
        node = nodes[node_id]
        if node.is_base:
            members, bases = node.active_member_count, 1
        else:
            members, bases = totals.get(node_id, (0, 0))
        kids, more = shown_children(node_id, depth)
        return TreeNode(node, bases, members, [build(kid, depth + 1) for kid in kids], more)

    return build(committee.pk, 0)


def _totals_under(committee_ids: list[int]) -> dict[int, tuple[int, int]]:
    if not committee_ids:
        return {}
    placeholders = ", ".join(["%s"] * len(committee_ids))
    sql = f"""
        SELECT cl.ancestor_id, COALESCE(SUM(c.active_member_count), 0), COUNT(*)
        FROM committees_committeeclosure cl
        JOIN committees_committee c ON c.id = cl.descendant_id
        WHERE cl.ancestor_id IN ({placeholders}) AND c.kind IN (%s, %s, %s)
        GROUP BY cl.ancestor_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*committee_ids, *[str(kind) for kind in BASE_KINDS]])
        return {row[0]: (int(row[1]), int(row[2])) for row in cursor.fetchall()}


def committee_search(*, query: str, exclude_ids: list[int], limit: int = 20) -> QuerySet[Committee]:
    """Coordinating committees a committee could ask to join."""
    from rankfile.committees.models import PARENT_KINDS

    found = Committee.objects.filter(kind__in=PARENT_KINDS).exclude(pk__in=exclude_ids)
    if query:
        found = found.filter(name__icontains=query)
    return found.order_by("name")[:limit]


def committee_active_member_ids(*, committee_id: int) -> list[int]:
    return list(
        Membership.objects.filter(committee_id=committee_id)
        .active()
        .values_list("person_id", flat=True)
    )
