"""Vote burst: 5,000 members of one committee cast secret ballots on one poll through the real
HTTP stack (`rankfile serve`, uvicorn, several workers, PostgreSQL, Redis), within a minute.

    .venv/bin/python bench/vote_burst.py [--database-url URL] [--voters 5000] [--workers N]
        [--concurrency 16] [--port N] [--no-pool] [--no-intake] [--keep]

With no options: as many uvicorn workers as CPUs, Django's connection pool, the ballot intake
on (`rankfile/votes/intake/`; `--no-intake` measures Django's view instead), 16 ballots in
flight.

What it does, in order:

1. Drops and creates the bench database (default `rankfile_bench_votes`; only a loopback server,
   never the test/root/postgres databases), migrates it.
2. Builds one workplace committee with `--voters` active members (bulk inserts, one shared
   password hash) and opens one secret yes/no poll through the real services (which freezes the
   electorate).
3. Logs every member in by writing their session rows directly: 5,000 argon2 logins would
   measure the password hash, not the vote. **Login is not what is measured.**
4. Starts `rankfile serve --workers N` on 127.0.0.1 with DEBUG off and `REDIS_URL` database 14.
   Under ASGI every request runs on its own thread, so Django's persistent connections
   (`DATABASE_CONN_MAX_AGE` > 0) would leak one PostgreSQL connection per request: the server
   opens a connection per request (`DATABASE_CONN_MAX_AGE=0`), or, with `--pool`, uses Django's
   psycopg connection pool in each worker (`DATABASE_POOL=true`).
5. Phase "page": every voter GETs the poll page with their session cookie, as a browser does
   before voting, and keeps the CSRF cookie and the form's token.
6. Phase "ballots" (the measured one): every voter POSTs their ballot with the CSRF token and
   an Origin header, from `--concurrency` clients, each with its own keep-alive connection
   (asyncio streams in one thread: the load generator shares the two cores with the server,
   so it keeps its own work small). A ballot counts as done when the receipt page (200, with
   a tracker) has been read in full.
7. Prints ballots per second, latency p50/p95/p99/max and errors; checks in the database that
   ballots == votes cast == voters; closes the poll through the service and verifies the
   published board with `rankfile.tally.board_verify`.
8. Stops the server, and drops the database unless `--keep`.

The load generator runs on the same machine as the server and PostgreSQL, so it takes CPU
from them: the figures are a floor for what a separate client would see. The script prints the
CPU time the uvicorn processes spent per request, which does not depend on what else the
machine is doing, and the load average, which tells whether it was doing something else.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from urllib.parse import unquote, urlencode, urlsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/rankfile_bench_votes"
REDIS_URL = "redis://127.0.0.1:6379/14"
PROTECTED = {"test", "root", "postgres", "template0", "template1"}
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
TARGET_RATE = 500.0
TARGET_P99_MS = 300.0
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def fail(message: str) -> NoReturn:
    sys.exit(f"bench/vote_burst.py: {message}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--voters", type=int, default=5000)
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 2,
        help="uvicorn worker processes (default: one per CPU)",
    )
    parser.add_argument(
        "--concurrency", type=int, default=16, help="ballots in flight (client connections)"
    )
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    parser.add_argument(
        "--pool",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="serve with Django's psycopg connection pool in each worker (DATABASE_POOL=true, "
        "the default); --no-pool: a connection per request",
    )
    parser.add_argument(
        "--intake",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the ballot intake (BALLOT_INTAKE=true, the default); --no-intake: every ballot "
        "through Django's view",
    )
    return parser.parse_args()


def check_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        fail("pass a postgres:// URL: this benchmark measures PostgreSQL")
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


def build(voters: int) -> tuple[int, list[str]]:
    """The committee, its members, the open poll and one session per member: (poll id,
    session keys)."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from rankfile.accounts.models import Person, PersonSession
    from rankfile.accounts.sessions import SessionStore
    from rankfile.committees.models import Committee, Membership, MembershipStatus
    from rankfile.committees.services import committee_found
    from rankfile.votes.services import poll_create_motion, poll_open

    password = make_password("bench-password-not-for-use")  # hashed once, for everyone
    chair = Person.objects.create(handle="bench_chair", password=password)
    committee = committee_found(
        by=chair,
        name="Mass meeting",
        kind="workplace",
        sector="transit",
        region="US/MN/Minneapolis",
        workforce_estimate=voters * 2,
    )
    people = Person.objects.bulk_create(
        [Person(handle=f"voter{n:05d}", password=password) for n in range(voters - 1)],
        batch_size=2000,
    )
    now = timezone.now()
    Membership.objects.bulk_create(
        [
            Membership(
                person=person, committee=committee, status=MembershipStatus.ACTIVE, joined_at=now
            )
            for person in people
        ],
        batch_size=2000,
    )
    Committee.objects.filter(pk=committee.pk).update(active_member_count=voters)
    poll = poll_create_motion(committee=committee, by=chair, title="Strike on Monday")
    poll_open(poll=poll, by=chair)
    store = SessionStore()
    backend = settings.AUTHENTICATION_BACKENDS[0]
    expire = now + timedelta(days=1)
    sessions = [
        PersonSession(
            person=person,
            session_key=get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789"),
            session_data=store.encode(
                {
                    SESSION_KEY: str(person.pk),
                    BACKEND_SESSION_KEY: backend,
                    HASH_SESSION_KEY: person.get_session_auth_hash(),
                }
            ),
            expire_date=expire,
        )
        for person in [chair, *people]
    ]
    PersonSession.objects.bulk_create(sessions, batch_size=2000)
    return poll.pk, [s.session_key for s in sessions]


def start_server(args: argparse.Namespace, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [
        str(ROOT / ".venv" / "bin" / "rankfile"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(args.port),
        "--workers",
        str(args.workers),
        "--no-migrate",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            fail(f"the server exited with status {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
            connection.request("GET", "/account/login/")
            if connection.getresponse().status == 200:
                connection.close()
                # Give every worker a moment to import Django before the burst.
                time.sleep(2)
                return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    fail("the server did not answer within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@dataclass
class Voter:
    session: str
    choice: str
    csrf_cookie: str = ""
    csrf_token: str = ""


Step = Callable[["Connection", Voter], Awaitable["str | None"]]


@dataclass
class Phase:
    name: str
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    server_cpu: float = 0.0  # CPU seconds used by the uvicorn processes during the phase
    client_cpu: float = 0.0  # CPU seconds used by this load generator
    database_cpu: float = 0.0  # CPU seconds used by PostgreSQL's processes (a local server)
    machine: dict[str, float] = field(default_factory=dict)  # shares of all CPU time


def processes() -> list[tuple[int, str, int, float]]:
    """(pid, name, parent pid, user + system CPU seconds) of every process (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        cpu = (int(fields[11]) + int(fields[12])) / tick
        found.append((int(entry.name), name, int(fields[1]), cpu))
    return found


def process_tree_cpu(root_pid: int) -> float:
    """CPU seconds of a process and its children."""
    listed = processes()
    total, todo = 0.0, [root_pid]
    while todo:
        pid = todo.pop()
        total += sum(cpu for found, _name, _parent, cpu in listed if found == pid)
        todo.extend(found for found, _name, parent, _cpu in listed if parent == pid)
    return total


def machine_ticks() -> list[int]:
    """The machine's CPU time so far by state (Linux /proc/stat: user, nice, system, idle,
    iowait, irq, softirq, steal)."""
    return [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]


def machine_shares(before: list[int], after: list[int]) -> dict[str, float]:
    spent = [b - a for a, b in zip(before, after, strict=True)]
    total = max(1, sum(spent))
    user, nice, system, idle, iowait, irq, softirq, steal = spent
    return {
        "busy": (user + nice + system + irq + softirq) / total,
        "idle": (idle + iowait) / total,
        "steal": steal / total,  # taken by the host from this virtual machine
    }


def database_cpu() -> float:
    """CPU seconds of every PostgreSQL process on this machine (the bench refuses a database
    server that is not local)."""
    return sum(cpu for _pid, name, _parent, cpu in processes() if name == "postgres")


class Reply:
    """An HTTP/1.1 response: status, headers (names in lower case) and body."""

    def __init__(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def cookie(self, name: str) -> str:
        for header, value in self.headers:
            if header == "set-cookie" and value.startswith(f"{name}="):
                return value.split(";", 1)[0].split("=", 1)[1]
        return ""


class Connection:
    """One keep-alive HTTP/1.1 connection on asyncio streams. The load generator shares the
    machine with the server, so it keeps its own work small: requests are written as bytes and
    responses read by Content-Length (or chunks), without a general-purpose HTTP library."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, raw: bytes) -> Reply:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        try:
            self.writer.write(raw)
            head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1")
            lines = head.split("\r\n")
            status = int(lines[0].split(" ", 2)[1])
            headers = [
                (name.strip().lower(), value.strip())
                for name, value in (line.split(":", 1) for line in lines[1:] if line)
            ]
            fields = dict(headers)
            if "content-length" in fields:
                body = await self.reader.readexactly(int(fields["content-length"]))
            elif fields.get("transfer-encoding", "").lower() == "chunked":
                body = await self._chunks()
            else:
                raise ConnectionError("a response with neither Content-Length nor chunks")
            if fields.get("connection", "").lower() == "close":
                self.close()
            return Reply(status, headers, body)
        except BaseException:
            self.close()
            raise

    async def _chunks(self) -> bytes:
        assert self.reader is not None
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")  # the end of the (empty) trailer
                return b"".join(parts)
            parts.append((await self.reader.readexactly(size + 2))[:-2])

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def run_phase(
    name: str, voters: list[Voter], port: int, concurrency: int, step: Step, server_pid: int
) -> Phase:
    """Run `step(connection, voter) -> error or None` for every voter, from `concurrency`
    clients each holding one keep-alive connection (one event loop, one thread)."""
    result = Phase(name)
    queue = list(reversed(voters))

    async def client() -> None:
        connection = Connection(port)
        while queue:
            voter = queue.pop()
            started = time.perf_counter()
            try:
                error = await asyncio.wait_for(step(connection, voter), timeout=30)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                error = f"{type(exc).__name__}: {exc}"
                connection.close()
            result.latencies_ms.append((time.perf_counter() - started) * 1000)
            if error:
                result.errors.append(error)
        connection.close()

    async def clients() -> None:
        await asyncio.gather(*(client() for _ in range(concurrency)))

    started, cpu, client_cpu = (
        time.perf_counter(),
        process_tree_cpu(server_pid),
        time.process_time(),
    )
    database, ticks = database_cpu(), machine_ticks()
    asyncio.run(clients())
    result.seconds = time.perf_counter() - started
    result.server_cpu = process_tree_cpu(server_pid) - cpu
    result.client_cpu = time.process_time() - client_cpu
    result.database_cpu = database_cpu() - database
    result.machine = machine_shares(ticks, machine_ticks())
    return result


def get_page(port: int, poll_id: int) -> Step:
    async def step(connection: Connection, voter: Voter) -> str | None:
        reply = await connection.request(
            (
                f"GET /polls/{poll_id}/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                f"Cookie: sessionid={voter.session}\r\n\r\n"
            ).encode()
        )
        if reply.status != 200:
            return f"GET poll page: {reply.status}"
        body = reply.body.decode()
        match = TOKEN.search(body)
        voter.csrf_cookie = reply.cookie("csrftoken")
        if match is None or not voter.csrf_cookie or "Cast my ballot" not in body:
            return "GET poll page: no ballot form or CSRF token"
        voter.csrf_token = match.group(1)
        return None

    return step


def post_ballot(port: int, poll_id: int) -> Step:
    origin = f"http://127.0.0.1:{port}"

    async def step(connection: Connection, voter: Voter) -> str | None:
        body = urlencode({"csrfmiddlewaretoken": voter.csrf_token, "choice": voter.choice})
        reply = await connection.request(
            (
                f"POST /polls/{poll_id}/cast/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                f"Cookie: sessionid={voter.session}; csrftoken={voter.csrf_cookie}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Origin: {origin}\r\nContent-Length: {len(body)}\r\n\r\n{body}"
            ).encode()
        )
        if reply.status != 200 or b'id="tracker"' not in reply.body:
            return f"POST ballot: {reply.status}"
        return None

    return step


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(phase: Phase, unit: str) -> None:
    done = len(phase.latencies_ms) - len(phase.errors)
    ms = phase.latencies_ms
    print(
        f"{phase.name:<8} {len(ms):>6} requests in {phase.seconds:6.2f} s = "
        f"{done / phase.seconds:7.1f} {unit}/s; latency ms p50 {statistics.median(ms):6.1f} "
        f"p95 {percentile(ms, 0.95):6.1f} p99 {percentile(ms, 0.99):6.1f} max {max(ms):6.1f}; "
        f"errors {len(phase.errors)}"
    )
    count = max(1, len(ms))
    print(
        f"         CPU per request: server (uvicorn workers) "
        f"{phase.server_cpu / count * 1000:.1f} ms, load generator "
        f"{phase.client_cpu / count * 1000:.1f} ms, PostgreSQL "
        f"{phase.database_cpu / count * 1000:.1f} ms; machine CPU busy "
        f"{phase.machine['busy']:.0%}, idle {phase.machine['idle']:.0%}, stolen by the host "
        f"{phase.machine['steal']:.0%}; load average now {os.getloadavg()[0]:.1f}"
    )
    for error in sorted(set(phase.errors))[:5]:
        print(f"         error: {error} (x{phase.errors.count(error)})")


def main() -> int:
    started = time.perf_counter()
    args = parse_args()
    name, admin_url = check_url(args.database_url)
    with socket.socket() as probe:
        if args.port == 0:
            probe.bind(("127.0.0.1", 0))
            args.port = probe.getsockname()[1]
        elif probe.connect_ex(("127.0.0.1", args.port)) == 0:
            fail(f"port {args.port} is in use")
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "REDIS_URL": REDIS_URL,
        "RANKFILE_ENV": "development",
        "DEBUG": "false",
        "DATABASE_CONN_MAX_AGE": "0",
        "DJANGO_SETTINGS_MODULE": "rankfile.settings",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    os.environ.update(env)
    env["BALLOT_INTAKE"] = "true" if args.intake else "false"
    if args.pool:
        env["DATABASE_POOL"] = "true"  # the server's connections; this process uses none pooled
    sys.path.insert(0, str(ROOT))
    print(
        f"vote burst: database {name}, {args.voters:,} voters, {args.workers} uvicorn workers, "
        f"{args.concurrency} client threads, {os.cpu_count()} CPUs, "
        f"{'psycopg pool' if args.pool else 'a database connection per request'}, ballot intake "
        f"{'on' if args.intake else 'off'}, load average "
        f"{os.getloadavg()[0]:.1f} before the start"
    )
    recreate_database(admin_url, name, create=True)
    server = None
    ok = False
    try:
        import django

        django.setup()
        from django.core.cache import cache
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0, interactive=False)
        cache.clear()
        built = time.perf_counter()
        poll_id, sessions = build(args.voters)
        print(
            f"built committee, {args.voters:,} members, open poll, sessions in "
            f"{time.perf_counter() - built:.1f} s"
        )
        connections.close_all()
        rng = random.Random(args.seed)
        voters = [
            Voter(session=key, choice=rng.choice(["yes", "yes", "no", "abstain"]))
            for key in sessions
        ]
        server = start_server(args, env)
        page = run_phase(
            "page", voters, args.port, args.concurrency, get_page(args.port, poll_id), server.pid
        )
        report(page, "pages")
        ready = [v for v in voters if v.csrf_token]
        ballots = run_phase(
            "ballots",
            ready,
            args.port,
            args.concurrency,
            post_ballot(args.port, poll_id),
            server.pid,
        )
        report(ballots, "ballots")
        ok = check(poll_id, args.voters, ballots)
    finally:
        if server is not None:
            stop_server(server)
        from django.db import connections

        connections.close_all()
        if not args.keep:
            recreate_database(admin_url, name, create=False)
    kept = "kept" if args.keep else "dropped"
    print(f"total run time {time.perf_counter() - started:.1f} s; database {name} {kept}")
    return 0 if ok else 1


def check(poll_id: int, expected: int, ballots: Phase) -> bool:
    from rankfile.tally import board_verify
    from rankfile.votes.models import Ballot, Poll, VoteCast
    from rankfile.votes.services import poll_close
    from rankfile.votes.tick import polls_tick  # noqa: F401 - the close path is the service's

    cast = VoteCast.objects.filter(poll_id=poll_id).count()
    stored = Ballot.objects.filter(poll_id=poll_id).count()
    poll = Poll.objects.get(pk=poll_id)
    closing = time.perf_counter()
    closed = poll_close(poll=poll, by=None)
    close_ms = (time.perf_counter() - closing) * 1000
    import json

    verification = board_verify(json.loads(closed.board.text))
    rate = (len(ballots.latencies_ms) - len(ballots.errors)) / ballots.seconds
    p99 = percentile(ballots.latencies_ms, 0.99)
    print(
        f"database: votes cast {cast:,}, ballots {stored:,}, expected {expected:,}; close + "
        f"board + count in {close_ms:.0f} ms; board verifies: {verification.ok} "
        f"({', '.join(verification.problems) or 'no problem'}); result "
        f"{json.dumps(closed.result['rounds'][0]['totals']) if closed.result else None}"
    )
    met = rate >= TARGET_RATE and p99 < TARGET_P99_MS
    print(
        f"target >= {TARGET_RATE:.0f} ballots/s with p99 < {TARGET_P99_MS:.0f} ms: "
        f"{'MET' if met else 'NOT MET'} ({rate:.0f} ballots/s, p99 {p99:.0f} ms)"
    )
    consistent = cast == stored == expected and verification.ok and not ballots.errors
    return consistent


if __name__ == "__main__":
    sys.exit(main())
