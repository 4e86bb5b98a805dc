"""The closure table of the affiliation DAG, kept in step inside the affiliation services."""

from __future__ import annotations

from collections import defaultdict

from rankfile.committees.models import Affiliation, AffiliationStatus, CommitteeClosure


def closure_add_self(*, committee_id: int) -> None:
    CommitteeClosure.objects.create(ancestor_id=committee_id, descendant_id=committee_id, depth=0)


def closure_would_cycle(*, child_id: int, parent_id: int) -> bool:
    """An edge child -> parent closes a cycle when the parent already sits under the child."""
    return CommitteeClosure.objects.filter(ancestor_id=child_id, descendant_id=parent_id).exists()


def closure_link(*, child_id: int, parent_id: int) -> int:
    """Add the pairs that the new edge child -> parent creates; returns how many were new.

    Every ancestor of the parent (itself included) becomes an ancestor of every descendant of the
    child (itself included). A pair that already exists through another path keeps the shorter
    depth. Callers hold a lock on the affected committees.
    """
    ancestors = list(
        CommitteeClosure.objects.filter(descendant_id=parent_id).values_list("ancestor_id", "depth")
    )
    descendants = list(
        CommitteeClosure.objects.filter(ancestor_id=child_id).values_list("descendant_id", "depth")
    )
    wanted = {
        (ancestor_id, descendant_id): up + 1 + down
        for ancestor_id, up in ancestors
        for descendant_id, down in descendants
    }
    existing = {
        (ancestor_id, descendant_id): (pk, depth)
        for pk, ancestor_id, descendant_id, depth in CommitteeClosure.objects.filter(
            ancestor_id__in=[a for a, _ in ancestors],
            descendant_id__in=[d for d, _ in descendants],
        ).values_list("pk", "ancestor_id", "descendant_id", "depth")
    }
    new_rows = []
    shorter: list[CommitteeClosure] = []
    for pair, depth in wanted.items():
        if pair not in existing:
            new_rows.append(
                CommitteeClosure(ancestor_id=pair[0], descendant_id=pair[1], depth=depth)
            )
        elif depth < existing[pair][1]:
            shorter.append(CommitteeClosure(pk=existing[pair][0], depth=depth))
    CommitteeClosure.objects.bulk_create(new_rows, batch_size=2000)
    if shorter:
        CommitteeClosure.objects.bulk_update(shorter, ["depth"], batch_size=2000)
    return len(new_rows)


def closure_rebuild_below(*, committee_id: int) -> None:
    """Recompute the ancestors of the committee and of everything under it, from the accepted
    affiliations. Used when an edge is removed, which in a DAG may or may not cut a pair."""
    descendant_ids = set(
        CommitteeClosure.objects.filter(ancestor_id=committee_id).values_list(
            "descendant_id", flat=True
        )
    )
    parents_of: dict[int, list[int]] = defaultdict(list)
    edges = Affiliation.objects.filter(status=AffiliationStatus.ACCEPTED).values_list(
        "child_id", "parent_id"
    )
    for child_id, parent_id in edges:
        parents_of[child_id].append(parent_id)
    CommitteeClosure.objects.filter(descendant_id__in=descendant_ids).delete()
    rows: list[CommitteeClosure] = []
    for descendant_id in descendant_ids:
        depth_of = {descendant_id: 0}
        frontier = [descendant_id]
        depth = 0
        while frontier:
            depth += 1
            next_frontier = []
            for node in frontier:
                for parent_id in parents_of.get(node, []):
                    if parent_id not in depth_of:
                        depth_of[parent_id] = depth
                        next_frontier.append(parent_id)
            frontier = next_frontier
        rows.extend(
            CommitteeClosure(ancestor_id=ancestor_id, descendant_id=descendant_id, depth=d)
            for ancestor_id, d in depth_of.items()
        )
    CommitteeClosure.objects.bulk_create(rows, batch_size=2000)
