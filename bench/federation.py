"""Federation benchmark: build a 50,000-committee, 1,000,000-membership federation on PostgreSQL,
check it, and time the federation reads and writes that the dashboards and services use.

    .venv/bin/python bench/federation.py [--database-url URL] [--committees 50000]
        [--memberships 1000000] [--runs 20] [--explain] [--keep]

The bench database named in the URL is dropped and created afresh, and dropped again at the end
unless --keep. Only a loopback server is accepted, and never the test/root/postgres databases.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar
from urllib.parse import unquote, urlsplit

import numpy as np
import psycopg
from psycopg import sql

if TYPE_CHECKING:
    import numpy.typing as npt

    from rankfile.committees.models import Committee

    IntArray = npt.NDArray[np.int64]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@localhost:5432/rankfile_bench"
PROTECTED = {"test", "root", "postgres", "template0", "template1"}
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
SECTORS = "transit logistics health education manufacturing public_service retail hospitality"
SECTORS += " construction community"
SECTOR_WEIGHTS = np.array([6, 9, 14, 12, 13, 10, 14, 9, 7, 6], dtype=float)
STATES = "CA TX NY FL IL PA OH GA NC MI NJ VA WA AZ MA TN IN MO MD WI CO MN SC AL LA KY OR OK CT UT"
CITIES = "Capital Riverside Lakeside Springfield Fairview Franklin Greenville Madison Clinton Salem"
BASE_KIND = {"education": "school", "community": "neighbourhood"}  # otherwise workplace
TARGET_MS = 100.0
WARMUPS = 2
NEW_CHILDREN = 100
TS = datetime.now(UTC).isoformat()
T = TypeVar("T")
COLUMNS = {
    "committees_committee": "id, name, slug, kind, sector, region, workforce_estimate, "
    "description, bylaws_overrides, active_member_count, founded_at",
    "committees_affiliation": "child_id, parent_id, status, requested_at, decided_at",
    "committees_committeeclosure": "ancestor_id, descendant_id, depth",
    "accounts_person": "id, handle, password, last_login, email, real_name, phone, language, "
    "is_active, is_operator, joined_at, notifications_off",
    "committees_membership": "person_id, committee_id, status, shares_contact, applied_at, "
    "joined_at",
}
COUNT = "SELECT count(*) FROM committees_"
TWO_PARENTS_SQL = """SELECT count(*) FROM (SELECT a.child_id FROM committees_affiliation a
JOIN committees_committee p ON p.id = a.parent_id WHERE a.status = 'accepted' GROUP BY a.child_id
HAVING count(*) = 2 AND count(*) FILTER (WHERE p.sector = 'mixed') = 1) x"""
MISCOUNTED_SQL = """SELECT count(*) FROM committees_committee c LEFT JOIN (SELECT committee_id,
count(*) n FROM committees_membership WHERE status = 'active' GROUP BY committee_id) m
ON m.committee_id = c.id WHERE c.active_member_count <> coalesce(m.n, 0)"""


def fail(message: str) -> NoReturn:
    sys.exit(f"bench/federation.py: {message}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--committees", type=int, default=50_000)
    parser.add_argument("--memberships", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20, help="timed runs, after 2 warm-ups")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN of the rollup SQL")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    return parser.parse_args()


def check_url(url: str) -> tuple[str, str]:
    """The bench database name, and a URL of the maintenance database on the same server."""
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        fail("SQLite is not supported: this benchmark measures PostgreSQL. Pass a postgres:// URL.")
    if parts.scheme not in {"postgres", "postgresql"}:
        fail(f"unsupported database scheme {parts.scheme!r}; pass a postgres:// URL")
    name = unquote(parts.path.lstrip("/"))
    if not name or name in PROTECTED:
        fail(f"refusing to drop and recreate database {name!r}; name a bench database")
    host = unquote(parts.hostname or "")
    if host and not host.startswith("/") and host not in LOOPBACK:
        fail("refusing a non-loopback database server: this script drops databases")
    return name, parts._replace(path="/postgres").geturl()


def recreate_database(admin_url: str, name: str, *, create: bool) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        database = sql.Identifier(name)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(database))


@contextmanager
def phase(phases: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    phases[name] = time.perf_counter() - start


class Federation:
    """The synthetic federation as arrays. Ids: 1 the alliance, then the industry coordinating
    committees (sector x state), the regional ones (one per city), then the base committees."""

    def __init__(self, committees: int, memberships: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.sectors, self.states, self.cities = SECTORS.split(), STATES.split(), CITIES.split()
        n_states, n_cities = len(self.states), len(self.states) * len(self.cities)
        self.n_coord = len(self.sectors) * n_states + n_cities
        self.first_reg, self.first_base = 2 + len(self.sectors) * n_states, 2 + self.n_coord
        self.n_base, self.memberships = committees - 1 - self.n_coord, memberships
        if self.n_base < 1 or memberships < self.n_base:
            fail(f"need more than {self.n_coord + 1} committees and a member per base committee")
        self.base_ids: IntArray = np.arange(self.first_base, committees + 1, dtype=np.int64)
        self.coord_ids: IntArray = np.arange(2, self.first_base, dtype=np.int64)
        p_sector = SECTOR_WEIGHTS / SECTOR_WEIGHTS.sum()
        self.sector: IntArray = rng.choice(len(self.sectors), self.n_base, p=p_sector)
        # Big cities of big states hold more base committees: Zipf-like weights on both.
        weight = 1.0 / (np.arange(n_cities) % len(self.cities) + 1)
        weight /= np.sqrt(np.arange(n_cities) // len(self.cities) + 1)
        self.city: IntArray = rng.choice(n_cities, self.n_base, p=weight / weight.sum())
        self.industry: IntArray = 2 + self.sector * n_states + self.city // len(self.cities)
        self.regional: IntArray = self.first_reg + self.city
        # Skewed sizes: every committee has its founder, a few workplaces have thousands.
        size = rng.lognormal(0.0, 1.5, self.n_base)
        self.members: IntArray = 1 + rng.multinomial(memberships - self.n_base, size / size.sum())
        self.workforce: IntArray = (self.members * rng.uniform(1.5, 8.0, self.n_base)).astype(int)
        # ~90% as many persons as memberships: membership j (ordered by a shuffled committee
        # order) goes to person j mod persons, so nobody is twice in one committee.
        self.persons = max(int(self.members.max()), round(memberships * 0.9))
        order = rng.permutation(self.n_base)
        self.m_committee: IntArray = np.repeat(self.base_ids[order], self.members[order])
        person_ids = rng.permutation(self.persons) + 1
        self.m_person: IntArray = person_ids[np.arange(memberships) % self.persons]

    @property
    def closure_rows(self) -> int:  # self rows, coordinating -> alliance, 3 per base committee
        return (1 + self.n_coord + self.n_base) + self.n_coord + 3 * self.n_base

    def region(self, city: int) -> str:
        return f"US/{self.states[city // len(self.cities)]}/{self.cities[city % len(self.cities)]}"

    def committee_lines(self) -> Iterator[str]:
        """id, name, slug, kind, sector, region, workforce_estimate, then the constant tail."""
        tail = f"\t\t{{}}\t0\t{TS}\n"  # description, bylaws_overrides, member count, founded_at
        yield f"1\tRank-and-file alliance\talliance\talliance\tmixed\tUS\t\\N{tail}"
        for cid in self.coord_ids.tolist():
            if cid < self.first_reg:
                sector, state = divmod(cid - 2, len(self.states))
                sector_name, region = self.sectors[sector], f"US/{self.states[state]}"
                name, slug = f"{sector_name} committee {region}", f"ind-{sector_name}-{state}"
            else:
                sector_name, region = "mixed", self.region(cid - self.first_reg)
                name, slug = f"{region} regional committee", f"reg-{cid}"
            yield f"{cid}\t{name}\t{slug}\tcoordinating\t{sector_name}\t{region}\t\\N{tail}"
        columns = (self.sector, self.city, self.workforce, self.members)
        for i, (sector, city, workforce, members) in enumerate(zip(*columns, strict=True)):
            kind = BASE_KIND.get(self.sectors[sector], "workplace")
            yield (
                f"{self.first_base + i}\t{kind} {i}\tbase-{i}\t{kind}\t{self.sectors[sector]}"
                f"\t{self.region(city)}\t{workforce}\t\t{{}}\t{members}\t{TS}\n"
            )


def tsv(*columns: IntArray, tail: str = "") -> Iterator[str]:
    for values in zip(*(column.tolist() for column in columns), strict=True):
        yield "\t".join(map(str, values)) + tail + "\n"


def copy(cursor: psycopg.Cursor[Any], table: str, lines: Iterable[str]) -> None:
    """COPY text-format rows into `table`, written in chunks of 50,000 rows."""
    with cursor.copy(f"COPY {table} ({COLUMNS[table]}) FROM STDIN") as copier:
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) == 50_000:
                copier.write("".join(chunk))
                chunk.clear()
        copier.write("".join(chunk))


def build(fed: Federation, password: str, phases: dict[str, float]) -> None:
    from django.db import connection

    connection.ensure_connection()
    assert connection.connection is not None
    ids, bases = np.concatenate([[1], fed.coord_ids, fed.base_ids]), fed.base_ids
    ones, stamps = np.ones(fed.n_base, np.int64), f"\t{TS}\t{TS}"
    alliance = np.ones(fed.n_coord, np.int64)
    with connection.connection.cursor() as cur:
        with phase(phases, "committees"):
            copy(cur, "committees_committee", fed.committee_lines())
        with phase(phases, "affiliations (accepted)"):
            children = np.concatenate([fed.coord_ids, bases, bases])
            parents = np.concatenate([alliance, fed.industry, fed.regional])
            lines = tsv(children, parents, tail=f"\taccepted{stamps}")
            copy(cur, "committees_affiliation", lines)
        with phase(phases, "closure"):
            ancestors = np.concatenate([ids, alliance, fed.industry, fed.regional, ones])
            descendants = np.concatenate([ids, fed.coord_ids, bases, bases, bases])
            depths = np.concatenate([ids * 0, alliance, ones, ones, ones * 2])
            copy(cur, "committees_committeeclosure", tsv(ancestors, descendants, depths))
        with phase(phases, "persons"):
            tail = f"\t{password}\t\\N\t\t\t\t\tt\tf\t{TS}\t[]\n"
            lines = (f"{i}\tm{i:07d}{tail}" for i in range(1, fed.persons + 1))
            copy(cur, "accounts_person", lines)
        with phase(phases, "memberships (active)"):
            lines = tsv(fed.m_person, fed.m_committee, tail=f"\tactive\tf{stamps}")
            copy(cur, "committees_membership", lines)
        with phase(phases, "setval + VACUUM ANALYZE"):
            for table in ("committees_committee", "accounts_person"):
                sequence = f"pg_get_serial_sequence('{table}', 'id')"
                cur.execute(f"SELECT setval({sequence}, max(id)) FROM {table}")
            cur.execute("VACUUM ANALYZE")


def scalar(query: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(query)
        return int(cursor.fetchone()[0])


def check(label: str, found: int | str, expected: int) -> bool:
    """Print one check; `found` is a number or a counting query."""
    found = scalar(found) if isinstance(found, str) else found
    print(f"{label:<54}{found:>12,}{expected:>12,}  {'OK' if found == expected else 'FAIL'}")
    return found == expected


def validate(fed: Federation, alliance: Committee) -> bool:
    from rankfile.committees.selectors import federation_rollup, federation_tree

    rollup = federation_rollup(committee_id=alliance.pk)
    tree = federation_tree(committee=alliance, max_depth=1)
    by_sector, by_region = (sum(r.members for r in x) for x in (rollup.by_sector, rollup.by_region))
    closure, n_all, n_base = f"{COUNT}committeeclosure", 1 + fed.n_coord + fed.n_base, fed.n_base
    to_alliance, tree_kids = f"{COUNT}affiliation WHERE parent_id = 1", len(tree.children)
    tree_kids += tree.more_children  # the tree shows 40 children and counts the others
    print(f"\n{'check':<54}{'found':>12}{'expected':>12}")
    passed = [
        check("closure rows", closure, fed.closure_rows),
        check("closure self rows (depth 0)", f"{closure} WHERE depth = 0", n_all),
        check("closure pairs via the alliance (depth 2)", f"{closure} WHERE depth = 2", n_base),
        check("affiliations to the alliance", to_alliance, fed.n_coord),
        check("base committees with 1 industry + 1 regional parent", TWO_PARENTS_SQL, n_base),
        check("alliance rollup: base committees (counted once)", rollup.base_committees, n_base),
        check("alliance rollup: members", rollup.members, fed.memberships),
        check("alliance rollup: members by sector", by_sector, fed.memberships),
        check("alliance rollup: members by region", by_region, fed.memberships),
        check("active memberships", f"{COUNT}membership WHERE status = 'active'", fed.memberships),
        check("committees whose active_member_count is off", MISCOUNTED_SQL, 0),
        check("tree: committees at depth 1 (shown + more)", tree_kids, fed.n_coord),
        check("tree: members under the alliance", tree.members, fed.memberships),
    ]
    print(f"(persons: {scalar('SELECT count(*) FROM accounts_person'):,})")
    return all(passed)


def measure(action: Callable[[T], object], runs: int, setup: Callable[[], T]) -> list[float]:
    """Milliseconds of `action(setup())` for each run after the warm-ups; setup is untimed."""
    timings = []
    for run in range(WARMUPS + runs):
        prepared = setup()
        start = time.perf_counter()
        action(prepared)
        if run >= WARMUPS:
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def p95(values: list[float]) -> float:  # nearest rank
    return sorted(values)[math.ceil(0.95 * len(values)) - 1]


def new_committee(made: list[int], parent: Committee, kind: str, children: int = 0) -> Committee:
    """A fresh committee (and its own accepted base committees), so every run does the same work;
    its id and theirs are added to `made` for the clean-up."""
    from rankfile.committees import models as m

    common = {"sector": parent.sector, "region": f"{parent.region}/New"}
    kinds = [kind] + ["workplace"] * children
    top, *below = m.Committee.objects.bulk_create(
        m.Committee(name=f"new {k}", slug=f"new-{k}", kind=kind_, **common)
        for k, kind_ in enumerate(kinds, start=len(made))
    )
    made.extend(c.pk for c in (top, *below))
    m.CommitteeClosure.objects.bulk_create(
        [m.CommitteeClosure(ancestor=c, descendant=c, depth=0) for c in (top, *below)]
        + [m.CommitteeClosure(ancestor=top, descendant=c, depth=1) for c in below]
    )
    m.Affiliation.objects.bulk_create(
        m.Affiliation(child=c, parent=top, status=m.AffiliationStatus.ACCEPTED) for c in below
    )
    return top


def remove_committees(ids: list[int]) -> None:
    """Delete the committees made for the affiliation runs and the rows the services wrote about
    them, in SQL: the ORM's cascade would visit every installed app's tables."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for table, where in (
            ("audit_auditevent", "committee_id = ANY(%s) OR (data->>'other_id')::bigint = ANY(%s)"),
            ("committees_committeeclosure", "descendant_id = ANY(%s)"),
            ("committees_affiliation", "child_id = ANY(%s)"),
            ("committees_committee", "id = ANY(%s)"),
        ):
            cursor.execute(f"DELETE FROM {table} WHERE {where}", [ids] * where.count("%s"))


def report(fed: Federation, args: argparse.Namespace, phases: dict[str, float]) -> bool:
    from django.db import connection

    from rankfile.accounts.models import Person
    from rankfile.committees.models import BASE_KINDS, Committee
    from rankfile.committees.selectors import _ROLLUP_SQL, federation_rollup, federation_tree
    from rankfile.committees.services import affiliation_accept, affiliation_request

    print(f"\n{'build phase':<32}{'seconds':>10}")
    for name, seconds in phases.items():
        print(f"{name:<32}{seconds:>10.1f}")
    print(f"{'total build':<32}{sum(phases.values()):>10.1f}")
    alliance = Committee.objects.get(pk=1)
    ok = validate(fed, alliance)
    # The largest industry and regional committees: the worst cases below the alliance.
    ind, reg = (int(np.bincount(ids).argmax()) for ids in (fed.industry, fed.regional))
    results: dict[str, list[float]] = {}
    for pk, under in ((1, np.ones_like(fed.industry)), (ind, fed.industry), (reg, fed.regional)):
        name, members = Committee.objects.get(pk=pk).name, int(fed.members[under == pk].sum())
        label = f"rollup {name} ({int((under == pk).sum()):,} base, {members:,} members)"
        results[label] = measure(
            lambda c: federation_rollup(committee_id=c), args.runs, partial(int, pk)
        )
    label = f"tree alliance max_depth=1 ({fed.n_coord} children)"
    results[label] = measure(
        lambda a: federation_tree(committee=a, max_depth=1), args.runs, lambda: alliance
    )
    if args.explain:  # now, before the affiliation runs add and remove rows
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + _ROLLUP_SQL, [1, *map(str, BASE_KINDS)])
            plan = "\n".join(row[0] for row in cursor.fetchall())

    by, industry = Person.objects.get(pk=1), Committee.objects.get(pk=ind)
    made: list[int] = []

    def join(pair: tuple[Committee, Committee]) -> None:
        affiliation = affiliation_request(child=pair[0], parent=pair[1], by=by)
        affiliation_accept(affiliation=affiliation, by=by)

    try:
        results["affiliate: new workplace -> largest industry committee"] = measure(
            join, args.runs, lambda: (new_committee(made, industry, "workplace"), industry)
        )
        results[f"affiliate: new coordinating + {NEW_CHILDREN} base -> alliance"] = measure(
            join,
            args.runs,
            lambda: (new_committee(made, alliance, "coordinating", NEW_CHILDREN), alliance),
        )
    finally:
        remove_committees(made)
    closure = f"{COUNT}committeeclosure"
    restored = check("closure rows once the new committees are removed", closure, fed.closure_rows)

    print(f"\n{'operation (ms)':<72}{'median':>8}{'p95':>8}{'min':>8}{'max':>8}  < 100 ms")
    for label, ms in results.items():
        verdict = ("yes" if p95(ms) < TARGET_MS else "NO") if label.startswith("rollup") else ""
        row = f"{statistics.median(ms):>8.1f}{p95(ms):>8.1f}{min(ms):>8.1f}{max(ms):>8.1f}"
        print(f"{label:<72}{row}  {verdict}")
    alliance_ms = next(iter(results.values()))
    met = "MET" if p95(alliance_ms) < TARGET_MS else "NOT MET"
    print(
        f"\nalliance rollup target < {TARGET_MS:.0f} ms (p95): {met} (median "
        f"{statistics.median(alliance_ms):.1f} ms, p95 {p95(alliance_ms):.1f} ms)"
    )
    if args.explain:
        print(f"\nEXPLAIN (ANALYZE, BUFFERS) of the alliance rollup:\n{plan}")
    return ok and restored


def main() -> int:
    started = time.perf_counter()
    args = parse_args()
    name, admin_url = check_url(args.database_url)
    env = {"DATABASE_URL": args.database_url, "DJANGO_SETTINGS_MODULE": "rankfile.settings"}
    os.environ.update(env, DEBUG="false")  # no query log: timings as in production
    sys.path.insert(0, str(ROOT))
    print(
        f"federation bench: database {name}, {args.committees:,} committees, "
        f"{args.memberships:,} memberships, {args.runs} runs after {WARMUPS} warm-ups"
    )
    phases: dict[str, float] = {}
    with phase(phases, "create database + migrate"):
        recreate_database(admin_url, name, create=True)
        import django

        django.setup()
        from django.contrib.auth.hashers import make_password
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0, interactive=False)
    try:
        with phase(phases, "generate (numpy)"):
            fed = Federation(args.committees, args.memberships, args.seed)
            password = make_password("bench-password-not-for-use")  # hashed once, for everyone
        build(fed, password, phases)
        ok = report(fed, args, phases)
    finally:
        connections.close_all()
        if not args.keep:
            recreate_database(admin_url, name, create=False)
    kept = "kept" if args.keep else "dropped"
    print(f"\ntotal run time {time.perf_counter() - started:.1f} s; database {name} {kept}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
