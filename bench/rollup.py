"""Strike-campaign benchmark: on the federation of bench/federation.py (50,000 committees,
1,000,000 memberships on PostgreSQL), an alliance campaign with 600,000 pledges, weeks of daily
history and strike reports; times a pledge through the real `pledge_make` (write + trigger
check) and the alliance dashboard figures.

    .venv/bin/python bench/rollup.py [--database-url URL] [--committees 50000]
        [--memberships 1000000] [--pledges 600000] [--days 28] [--pledge-runs 500]
        [--runs 20] [--explain] [--keep]

Like bench/federation.py (whose builder it reuses), the bench database is dropped and created
afresh, and dropped at the end unless --keep; only a loopback server is accepted, and never the
test/root/postgres databases.

The existing pledges, counts, history rows and strike reports are written with COPY, as the
services would have left them (holders are the real HMACs, counts equal rows, the history adds up
to the counts). Strike states are written although the campaign is still collecting pledges: the
dashboard then reads as much as it would during the action.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import federation as fedbench  # bench/federation.py: a script, not a package

if TYPE_CHECKING:
    import numpy.typing as npt

    IntArray = npt.NDArray[np.int64]

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/rankfile_bench_rollup"
PLEDGE_TARGET_MS = 20.0
DASHBOARD_TARGET_MS = 200.0
PERCENT = 10  # the campaign's share; with every base committee needed, it stays collecting


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_ROLLUP_DATABASE_URL", DEFAULT_URL)
    )
    parser.add_argument("--committees", type=int, default=50_000)
    parser.add_argument("--memberships", type=int, default=1_000_000)
    parser.add_argument("--pledges", type=int, default=600_000)
    parser.add_argument("--days", type=int, default=28, help="days of history before today")
    parser.add_argument("--reporting", type=float, default=0.3, help="share of workplaces out")
    parser.add_argument("--pledge-runs", type=int, default=500)
    parser.add_argument("--runs", type=int, default=20, help="dashboard runs, after 2 warm-ups")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the roll-up SQL")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    return parser.parse_args()


def copy_rows(cursor: Any, table: str, columns: str, lines: Any) -> None:
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copier:
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) == 50_000:
                copier.write("".join(chunk))
                chunk.clear()
        copier.write("".join(chunk))


class Campaigning:
    """Who pledged where, the daily history and the strike states, as arrays."""

    def __init__(self, fed: fedbench.Federation, args: argparse.Namespace) -> None:
        rng = np.random.default_rng(args.seed)
        # One membership per person (their first), then a random choice of those persons.
        persons, first = np.unique(fed.m_person, return_index=True)
        if args.pledges > len(persons):
            fedbench.fail(f"only {len(persons):,} persons can pledge")
        chosen = rng.permutation(len(persons))
        self.pledged_person: IntArray = persons[chosen[: args.pledges]]
        self.pledged_committee: IntArray = fed.m_committee[first[chosen[: args.pledges]]]
        # People for the timed pledges: persons who have not pledged, with their committee.
        rest = chosen[args.pledges : args.pledges + args.pledge_runs + fedbench.WARMUPS]
        self.new_person: IntArray = persons[rest]
        self.new_committee: IntArray = fed.m_committee[first[rest]]
        base_index = self.pledged_committee - fed.first_base
        self.count: IntArray = np.bincount(base_index, minlength=fed.n_base)
        # Each pledge on a day of the history, more of them as the campaign grows.
        days = args.days + 1
        growth = np.arange(1, days + 1, dtype=float) ** 1.5
        day = rng.choice(days, args.pledges, p=growth / growth.sum())
        per_day = np.zeros((fed.n_base, days), dtype=np.int64)
        np.add.at(per_day, (base_index, day), 1)
        ready = np.cumsum(per_day, axis=1) * 100 >= PERCENT * fed.workforce[:, None]
        became_ready = ready & ~np.pad(ready, ((0, 0), (1, 0)))[:, :-1]
        self.per_day, self.became_ready = per_day, became_ready.astype(np.int64)
        self.is_ready = ready[:, -1]
        # Strike states: a share of the workplaces has reported, today.
        reporting = rng.random(fed.n_base) < args.reporting
        status = rng.choice(3, fed.n_base, p=[0.5, 0.3, 0.2])  # out, partial, working
        share_out = np.where(status == 0, 0.9, np.where(status == 1, 0.4, 0.0))
        self.reporting = reporting
        self.status = status
        self.workers_out = np.where(reporting, (fed.workforce * share_out).astype(np.int64), 0)


def build_campaign(fed: fedbench.Federation, data: Campaigning, args: argparse.Namespace) -> int:
    from django.db import connection
    from django.utils import timezone

    from rankfile.committees.models import Committee
    from rankfile.strikes.holders import pledge_holder
    from rankfile.strikes.models import Campaign
    from rankfile.strikes.services import campaign_start

    today = timezone.localdate()
    alliance = Committee.objects.get(pk=1)
    campaign = campaign_start(
        committee=alliance,
        by=_alliance_chair(alliance),
        title="Federation-wide general strike",
        demands=["Agents out", "Release the detained", "No reprisals"],
        starts_on=today + timedelta(days=30),
        threshold_percent=PERCENT,
        threshold_workplaces=fed.n_base,  # never met here: every pledge is a "not yet"
        deadline_at=timezone.now() + timedelta(days=20),
    )
    Campaign.objects.filter(pk=campaign.pk).update(
        started_at=timezone.now() - timedelta(days=args.days),
        workplaces_ready=int(data.is_ready.sum()),
    )
    cid = campaign.pk
    statuses = np.array(["out", "partial", "working"])
    connection.ensure_connection()
    with connection.connection.cursor() as cur:
        start = time.perf_counter()
        copy_rows(
            cur,
            "strikes_pledge",
            "id, campaign_id, committee_id, holder",
            (
                f"{uuid.uuid4()}\t{cid}\t{committee}\t"
                f"{pledge_holder(person_id=person, campaign_id=cid)}\n"
                for person, committee in zip(
                    data.pledged_person.tolist(), data.pledged_committee.tolist(), strict=True
                )
            ),
        )
        print(
            f"  pledges: {len(data.pledged_person):,} rows in {time.perf_counter() - start:.1f} s"
        )
        has = np.flatnonzero(data.count)
        copy_rows(
            cur,
            "strikes_pledgecount",
            "campaign_id, committee_id, count, is_ready",
            (
                f"{cid}\t{fed.first_base + i}\t{count}\t{'t' if ready else 'f'}\n"
                for i, count, ready in zip(
                    has.tolist(),
                    data.count[has].tolist(),
                    data.is_ready[has].tolist(),
                    strict=True,
                )
            ),
        )
        last = data.per_day.shape[1] - 1
        out = np.where(data.reporting & (data.status == 0), 1, 0)
        partial = np.where(data.reporting & (data.status == 1), 1, 0)
        working = np.where(data.reporting & (data.status == 2), 1, 0)
        rows, cols = np.nonzero((data.per_day != 0) | (data.became_ready != 0))
        strike_today = np.flatnonzero(data.reporting)
        cells = set(zip(rows.tolist(), cols.tolist(), strict=True))
        extra = [(i, last) for i in strike_today.tolist() if (i, last) not in cells]
        all_rows = np.concatenate([rows, np.array([i for i, _ in extra], dtype=np.int64)])
        all_cols = np.concatenate([cols, np.full(len(extra), last, dtype=np.int64)])
        first_day = today - timedelta(days=last)
        day_text = [(first_day + timedelta(days=d)).isoformat() for d in range(last + 1)]

        def history_lines() -> Any:
            for i, d in zip(all_rows.tolist(), all_cols.tolist(), strict=True):
                is_today = d == last
                yield (
                    f"{cid}\t{fed.first_base + i}\t{day_text[d]}\t{data.per_day[i, d]}"
                    f"\t{data.became_ready[i, d]}"
                    f"\t{out[i] if is_today else 0}\t{partial[i] if is_today else 0}"
                    f"\t{working[i] if is_today else 0}"
                    f"\t{data.workers_out[i] if is_today else 0}\n"
                )

        start = time.perf_counter()
        copy_rows(
            cur,
            "strikes_campaignday",
            "campaign_id, committee_id, day, pledged, ready, out, partial, working, workers_out",
            history_lines(),
        )
        print(f"  history: {len(all_rows):,} rows in {time.perf_counter() - start:.1f} s")
        now = timezone.now().isoformat()
        reporting = strike_today.tolist()
        state_lines = (
            f"{cid}\t{fed.first_base + i}\t{statuses[data.status[i]]}"
            f"\t{data.workers_out[i]}\t{now}\n"
            for i in reporting
        )
        copy_rows(
            cur,
            "strikes_strikestate",
            "campaign_id, committee_id, status, workers_out, reported_at",
            state_lines,
        )
        copy_rows(
            cur,
            "strikes_strikereport",
            "campaign_id, committee_id, status, workers_out, reported_at",
            (
                f"{cid}\t{fed.first_base + i}\t{statuses[data.status[i]]}"
                f"\t{data.workers_out[i]}\t{now}\n"
                for i in reporting
            ),
        )
        print(f"  strike states and reports: {len(reporting):,} each")
        cur.execute("VACUUM ANALYZE")
    return cid


def _alliance_chair(alliance: Any) -> Any:
    """The federation builder gives the alliance no officer: person 1 becomes its chair."""
    from rankfile.accounts.models import Person
    from rankfile.committees.models import Membership, Role

    Membership.objects.get_or_create(person_id=1, committee=alliance, defaults={"status": "active"})
    Role.objects.get_or_create(person_id=1, committee=alliance, kind="chair")
    return Person.objects.get(pk=1)


def _defaults_for_columns_the_builder_leaves_out() -> None:
    """The federation builder COPYs persons without columns added since it was written (such as
    `notifications_off`): give those a database default in the bench database only."""
    from django.db import connection

    from rankfile.accounts.models import Person

    copied = {c.strip() for c in fedbench.COLUMNS["accounts_person"].split(",")}
    with connection.cursor() as cursor:
        for field in Person._meta.concrete_fields:
            if field.column not in copied and field.has_default():
                value = field.get_db_prep_save(field.get_default(), connection)
                cursor.execute(
                    f"ALTER TABLE accounts_person ALTER COLUMN {field.column} SET DEFAULT %s",
                    [value],
                )


def scalar(query: str, params: list[int]) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return int(cursor.fetchone()[0])


def validate(fed: fedbench.Federation, data: Campaigning, campaign_id: int) -> bool:
    from rankfile.strikes import selectors
    from rankfile.strikes.models import Campaign

    campaign = Campaign.objects.get(pk=campaign_id)
    rollup = selectors.campaign_rollup(campaign=campaign, committee_id=1)
    history = selectors.campaign_history(campaign=campaign, committee_id=1)
    pledges = scalar("SELECT count(*) FROM strikes_pledge WHERE campaign_id = %s", [campaign_id])
    counted = scalar(
        "SELECT coalesce(sum(count), 0) FROM strikes_pledgecount WHERE campaign_id = %s",
        [campaign_id],
    )
    checks = [
        ("pledge rows", pledges, len(data.pledged_person)),
        ("pledge counts = pledge rows", counted, pledges),
        ("alliance: base committees (each once)", rollup.total.base_committees, fed.n_base),
        ("alliance: workers pledged", rollup.total.pledged, pledges),
        (
            "alliance: sum by sector = sum by region",
            sum(f.pledged for f in rollup.by_sector.values()),
            sum(f.pledged for f in rollup.by_region.values()),
        ),
        ("alliance: workplaces ready", rollup.total.ready, int(data.is_ready.sum())),
        ("alliance: workers out", rollup.total.workers_out, int(data.workers_out.sum())),
        ("history: today's pledged = pledges", history.total["pledged"][-1], pledges),
        ("history: today's ready = ready", history.total["ready"][-1], int(data.is_ready.sum())),
    ]
    print(f"\n{'check':<52}{'found':>12}{'expected':>12}")
    for label, found, expected in checks:
        print(f"{label:<52}{found:>12,}{expected:>12,}  {'OK' if found == expected else 'FAIL'}")
    return all(found == expected for _, found, expected in checks)


def percentile(values: list[float], share: float) -> float:  # nearest rank
    ordered = sorted(values)
    return ordered[max(0, int(np.ceil(share * len(ordered))) - 1)]


def time_pledges(data: Campaigning, campaign_id: int, runs: int) -> tuple[list[float], list[float]]:
    from rankfile.accounts.models import Person
    from rankfile.committees.models import Committee
    from rankfile.strikes.models import Campaign
    from rankfile.strikes.services import pledge_make, pledge_withdraw

    campaign = Campaign.objects.get(pk=campaign_id)
    people = Person.objects.in_bulk(data.new_person.tolist())
    committees = Committee.objects.in_bulk(data.new_committee.tolist())
    pairs = [
        (people[p], committees[c])
        for p, c in zip(data.new_person.tolist(), data.new_committee.tolist(), strict=True)
    ]
    pledged, withdrawn = [], []
    for person, committee in pairs:
        start = time.perf_counter()
        pledge_make(campaign=campaign, person=person, committee=committee)
        pledged.append((time.perf_counter() - start) * 1000)
    for person, _committee in pairs[: max(runs // 5, 1) + fedbench.WARMUPS]:
        start = time.perf_counter()
        pledge_withdraw(campaign=campaign, person=person)
        withdrawn.append((time.perf_counter() - start) * 1000)
    return pledged[fedbench.WARMUPS :], withdrawn[fedbench.WARMUPS :]


def report_line(label: str, ms: list[float], high: float, high_label: str) -> None:
    print(
        f"{label:<62}{statistics.median(ms):>8.1f}{percentile(ms, high):>8.1f}"
        f"  ({high_label}){min(ms):>8.1f}{max(ms):>8.1f}"
    )


def main() -> int:
    started = time.perf_counter()
    args = parse_args()
    name, admin_url = fedbench.check_url(args.database_url)
    env = {"DATABASE_URL": args.database_url, "DJANGO_SETTINGS_MODULE": "rankfile.settings"}
    os.environ.update(env, DEBUG="false")  # no query log: timings as in production
    sys.path.insert(0, str(fedbench.ROOT))
    print(
        f"rollup bench: database {name}, {args.committees:,} committees, "
        f"{args.memberships:,} memberships, {args.pledges:,} pledges over {args.days} days"
    )
    phases: dict[str, float] = {}
    with fedbench.phase(phases, "create database + migrate"):
        fedbench.recreate_database(admin_url, name, create=True)
        import django

        django.setup()
        from django.contrib.auth.hashers import make_password
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0, interactive=False)
        _defaults_for_columns_the_builder_leaves_out()
    try:
        with fedbench.phase(phases, "generate (numpy)"):
            fed = fedbench.Federation(args.committees, args.memberships, args.seed)
            password = make_password("bench-password-not-for-use")
            data = Campaigning(fed, args)
        fedbench.build(fed, password, phases)
        with fedbench.phase(phases, "campaign: pledges, counts, history, reports (COPY)"):
            campaign_id = build_campaign(fed, data, args)
        print(f"\n{'build phase':<56}{'seconds':>10}")
        for label, seconds in phases.items():
            print(f"{label:<56}{seconds:>10.1f}")
        ok = validate(fed, data, campaign_id)
        ok = measure(fed, data, campaign_id, args) and ok
    finally:
        connections.close_all()
        if not args.keep:
            fedbench.recreate_database(admin_url, name, create=False)
    kept = "kept" if args.keep else "dropped"
    print(f"\ntotal run time {time.perf_counter() - started:.1f} s; database {name} {kept}")
    return 0 if ok else 1


def measure(
    fed: fedbench.Federation, data: Campaigning, campaign_id: int, args: argparse.Namespace
) -> bool:
    from django.db import connection

    from rankfile.committees.models import Committee
    from rankfile.strikes import selectors
    from rankfile.strikes.dashboard import campaign_dashboard
    from rankfile.strikes.figures import ShownRollup, shown_rollup, strongest_groups
    from rankfile.strikes.models import Campaign
    from rankfile.strikes.services import campaign_evaluate

    campaign = Campaign.objects.get(pk=campaign_id)
    alliance = Committee.objects.get(pk=1)
    region = Committee.objects.get(pk=int(np.bincount(fed.regional).argmax()))
    pledged, withdrawn = time_pledges(data, campaign_id, args.pledge_runs)

    def figures(committee: Committee) -> ShownRollup:
        k = selectors.rollup_k(committee=committee)
        return shown_rollup(
            selectors.campaign_rollup(campaign=campaign, committee_id=committee.pk), k
        )

    def nothing() -> None:
        return None

    top_regions = strongest_groups(figures(alliance), by="region")

    runs = args.runs
    results = [
        (
            f"alliance figures: total, by sector, by region ({fed.n_base:,} base)",
            fedbench.measure(lambda _: figures(alliance), runs, nothing),
        ),
        (
            "alliance history, uncached: daily series, total + 5 regions",
            fedbench.measure(
                lambda _: selectors.campaign_history(
                    campaign=campaign, committee_id=1, by="region", groups=top_regions
                ),
                runs,
                nothing,
            ),
        ),
        (
            "alliance dashboard page data (figures, cached past days, charts)",
            fedbench.measure(
                lambda _: campaign_dashboard(campaign=campaign, committee=alliance, by="region"),
                runs,
                nothing,
            ),
        ),
        (
            f"regional dashboard page data ({region.name})",
            fedbench.measure(
                lambda _: campaign_dashboard(campaign=campaign, committee=region, by="sector"),
                runs,
                nothing,
            ),
        ),
        (
            "tick: campaign_evaluate (exact recount of every workplace)",
            fedbench.measure(lambda _: campaign_evaluate(campaign=campaign), 5, nothing),
        ),
    ]
    print(f"\n{'operation (ms)':<62}{'median':>8}{'p99/95':>8}{'':>7}{'min':>8}{'max':>8}")
    report_line(
        f"pledge_make, {len(pledged)} pledges (write + trigger check)", pledged, 0.99, "p99"
    )
    report_line(f"pledge_withdraw, {len(withdrawn)} withdrawals", withdrawn, 0.99, "p99")
    for label, ms in results:
        report_line(label, ms, 0.95, "p95")
    pledge_p99 = percentile(pledged, 0.99)
    dashboard_p95 = percentile(results[0][1], 0.95)
    page_p95 = percentile(results[2][1], 0.95)
    print(
        f"\npledge target p99 < {PLEDGE_TARGET_MS:.0f} ms: "
        f"{'MET' if pledge_p99 < PLEDGE_TARGET_MS else 'NOT MET'} ({pledge_p99:.1f} ms)"
    )
    print(
        f"alliance dashboard figures target p95 < {DASHBOARD_TARGET_MS:.0f} ms: "
        f"{'MET' if dashboard_p95 < DASHBOARD_TARGET_MS else 'NOT MET'} ({dashboard_p95:.1f} ms);"
        f" with history and charts: {page_p95:.1f} ms"
    )
    if args.explain:
        with connection.cursor() as cursor:
            cursor.execute(
                "EXPLAIN (ANALYZE, BUFFERS) " + selectors._ROLLUP_SQL,
                [PERCENT, campaign_id, campaign_id, 1, "workplace", "school", "neighbourhood"],
            )
            print("\nEXPLAIN (ANALYZE, BUFFERS) of the alliance roll-up:")
            print("\n".join(row[0] for row in cursor.fetchall()))
    after = Campaign.objects.get(pk=campaign_id)
    return after.status == "collecting"


if __name__ == "__main__":
    sys.exit(main())
