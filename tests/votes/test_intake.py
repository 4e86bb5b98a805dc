"""The ballot intake (rankfile.votes.intake) through the real ASGI stack: the intake in front of
Django's handler, as in rankfile.asgi, sent HTTP requests as a server sends them.

On PostgreSQL the intake takes a secret ballot itself; everything else, and everything on SQLite,
goes to Django. Whichever path answers, the voter must see the same thing and the database must
hold the same rows: the tests that hold both paths to one outcome run on both databases (and
check which path answered through `intake.taken`); those that need the intake itself are
PostgreSQL only.

Each test has one event loop on a thread of its own (tests.votes.asgi_harness), as a server
process has, so the intake's connection pool lives between requests as it does in production;
Django's part of a request runs on its own thread and connection (ThreadSensitiveContext), and
the test's ORM calls on the main thread, so the tests are transactional.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import pytest
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.utils import timezone
from django.utils.http import parse_http_date

from rankfile.accounts.models import Person, PersonSession
from rankfile.committees.models import Committee, Membership
from rankfile.committees.services import membership_suspend
from rankfile.tally import board_verify
from rankfile.votes import intake as intake_module
from rankfile.votes.intake import BallotIntake
from rankfile.votes.models import Ballot, Elector, Poll, VoteCast
from rankfile.votes.secrecy import secret_matches, unseal
from tests.factories import make_member, make_seat, set_bylaws
from tests.votes.asgi_harness import (
    RECEIPT,
    Answer,
    Browser,
    EventLoop,
    assert_nothing_written,
    assert_stored,
    browser,
    cast_url,
    intake_app,
    login_url,
    poll_url,
    receipt_of,
    the_ballot,
)
from tests.votes.helpers import (
    board_of,
    cast,
    close_poll,
    fresh,
    make_election,
    make_open_poll,
    make_poll,
    make_voters,
    open_poll,
)

ON_POSTGRESQL = connection.vendor == "postgresql"
# What `intake.taken` goes up by when a ballot the intake may take is cast: on SQLite Django
# takes every ballot.
TAKES = 1 if ON_POSTGRESQL else 0

pytestmark = pytest.mark.django_db(transaction=True)
postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="the intake takes ballots on PostgreSQL only"
)


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture
def loop() -> Iterator[EventLoop]:
    running = EventLoop()
    yield running
    running.stop()


@pytest.fixture
def intake(loop: EventLoop) -> Iterator[BallotIntake]:
    """The HTTP side of rankfile.asgi.application, fresh: it decides on its first request
    whether it takes ballots (PostgreSQL and BALLOT_INTAKE) or passes them all to Django."""
    yield from intake_app(loop, enabled=None)


@pytest.fixture
def django_app(loop: EventLoop) -> Iterator[BallotIntake]:
    """The same wiring with the intake turned off: Django answers every request."""
    yield from intake_app(loop, enabled=False)


# ----------------------------------------------------------------------------- 1. ballots taken


@postgresql_only
def test_it_takes_a_secret_yes_no_ballot_with_the_electors_weight(
    loop, intake, coordinating, committee, member, delegate
):
    """A weighted electorate: the garage's 5 members are shared by its 3 delegates, 1.666666
    each, so a ballot written with the default weight (1) or an unrounded one would show."""
    set_bylaws(
        coordinating,
        delegate_weight="members_represented",
        seats_per_delegation=3,
        delegates_may_vote_in_secret=True,
    )
    for handle in ("second", "third"):
        make_seat(committee, coordinating, make_member(committee, handle=handle).person)
    poll = make_open_poll(coordinating, title="Join the regional strike")
    weight = Elector.objects.get(poll=poll, person=delegate).weight
    assert weight == Decimal("1.666666")
    visitor = browser(intake, loop, delegate, poll=poll)

    answer = visitor.post(cast_url(poll), {"choice": "yes"})

    tracker, secret = receipt_of(answer)
    assert intake.taken == 1
    assert "Join the regional strike" in answer.text
    assert "no-store" in (answer.header("Cache-Control") or "")
    assert VoteCast.objects.filter(poll=poll).count() == 1
    assert VoteCast.objects.get(poll=poll).roll_call is None
    ballot = assert_stored(poll, delegate, tracker, secret, "yes")
    assert ballot.weight == weight
    assert tracker not in " ".join(s.session_data for s in PersonSession.objects.all())
    board = board_of(close_poll(poll))
    assert [(b["tracker"], b["content"], b["weight"]) for b in board["ballots"]] == [
        (tracker, "yes", "1.666666")
    ]
    assert board_verify(board).ok


def _ranked(committee: Committee, voter: Person) -> Poll:
    ana, bo = (make_member(committee, handle=h).person for h in ("ana", "bo"))
    return open_poll(make_election(committee, [ana, bo, voter], method="stv", seats=2))


def _approval(committee: Committee, voter: Person) -> Poll:
    return open_poll(
        make_poll(committee, kind="question", options=["A", "B", "C"], method="approval")
    )


@postgresql_only
@pytest.mark.parametrize(
    ("make", "data", "content"),
    [
        pytest.param(_ranked, {"rank_1": "o3", "rank_2": "", "rank_3": "o1"}, ["o3", "o1"]),
        pytest.param(_approval, {"approved": ["o1", "o3"]}, ["o1", "o3"]),
    ],
    ids=["ranked", "approval"],
)
def test_it_takes_ranked_and_approval_ballots(loop, intake, committee, member, make, data, content):
    poll = make(committee, member)
    visitor = browser(intake, loop, member, poll=poll)

    tracker, secret = receipt_of(visitor.post(cast_url(poll), data))

    assert intake.taken == 1
    assert_stored(poll, member, tracker, secret, content)
    board = board_of(close_poll(poll))
    assert [(b["tracker"], b["content"]) for b in board["ballots"]] == [(tracker, content)]
    assert board_verify(board).ok


# ----------------------------------------------------------------------------- 2. header parity


def _headers_compared(answer: Answer) -> list[tuple[str, str]]:
    """Every header but those that differ by nature: Date and Content-Length, the cookies
    (compared apart), and Expires, a date compared to the second apart."""
    skipped = {"date", "content-length", "set-cookie", "expires"}
    return sorted((name, value) for name, value in answer.headers if name.lower() not in skipped)


def _cookies_compared(answer: Answer) -> list[tuple[str, dict[str, str]]]:
    """Each cookie's name and attributes; an expiry date is compared as present, not as the
    second it was computed."""
    return [
        (name, {k: ("<date>" if k == "expires" else v) for k, v in attributes.items()})
        for name, _value, attributes in answer.cookies_sent()
    ]


def _expires(answer: Answer) -> int:
    value = answer.header("Expires")
    assert value is not None
    return parse_http_date(value)


@postgresql_only
@pytest.mark.parametrize(
    ("language", "old_csrf_cookie"),
    [("", False), ("es", False), ("", True)],
    ids=["english", "spanish", "masked csrf cookie"],
)
def test_its_receipt_has_the_headers_and_page_of_djangos(
    loop, intake, django_app, open_motion, member, delegate, language, old_csrf_cookie
):
    """Two members of one poll, one through each path; also with a CSRF cookie in the masked
    format of Django before 4.1, which both accept and neither replaces. (A receipt never sets
    a cookie on either path, so the cookies compared are none, and must stay none.)"""
    visitors = [
        browser(intake, loop, member, poll=open_motion, language=language),
        browser(django_app, loop, delegate, poll=open_motion, language=language),
    ]
    if old_csrf_cookie:
        for visitor in visitors:
            secret = visitor.cookies[settings.CSRF_COOKIE_NAME]
            visitor.cookies[settings.CSRF_COOKIE_NAME] = _mask_cipher_secret(secret)

    taken, answered = (v.post(cast_url(open_motion), {"choice": "yes"}) for v in visitors)

    assert (intake.taken, django_app.taken) == (1, 0)
    assert taken.status == answered.status == 200
    assert _headers_compared(taken) == _headers_compared(answered)
    assert _cookies_compared(taken) == _cookies_compared(answered)
    assert abs(_expires(taken) - _expires(answered)) <= 2
    assert (taken.header("Content-Length") is None) == (answered.header("Content-Length") is None)
    pages = []
    for answer in (taken, answered):
        found = RECEIPT.search(answer.html)
        assert found is not None
        html = answer.html.replace(found.group("tracker"), "<tracker>")
        pages.append(html.replace(found.group("secret"), "<secret>"))
    assert pages[0] == pages[1]
    if language == "es":
        assert taken.header("Content-Language") == "es"
        assert 'lang="es"' in taken.html
    assert VoteCast.objects.filter(poll=open_motion).count() == 2
    assert Ballot.objects.filter(poll=open_motion).count() == 2


# ------------------------------------------------------------------- 3. Django answers instead


def test_without_a_session_django_sends_to_the_login_page(loop, intake, open_motion):
    answer = browser(intake, loop, None).post(cast_url(open_motion), {"choice": "yes"})
    assert answer.status == 302
    assert answer.header("Location") == login_url(open_motion)
    assert intake.taken == 0
    assert_nothing_written(open_motion)


@pytest.mark.parametrize("flaw", ["wrong token", "no token", "no cookie", "other origin"])
def test_a_csrf_failure_gets_the_refused_form_page(loop, intake, open_motion, member, flaw):
    visitor = browser(intake, loop, member, poll=open_motion)
    options: dict[str, Any] = {}
    if flaw == "wrong token":
        visitor.csrf_token = _mask_cipher_secret(_get_new_csrf_string())
    elif flaw == "no token":
        options["token"] = False
    elif flaw == "no cookie":
        del visitor.cookies[settings.CSRF_COOKIE_NAME]
    else:
        options["origin"] = "http://elsewhere.example"

    answer = visitor.post(cast_url(open_motion), {"choice": "yes"}, **options)

    assert answer.status == 403
    assert "The form could not be sent" in answer.text  # the CSRF failure page
    assert intake.taken == 0
    assert_nothing_written(open_motion)


def test_an_outsider_gets_djangos_404(loop, intake, open_motion, outsider):
    answer = browser(intake, loop, outsider).post(cast_url(open_motion), {"choice": "yes"})
    assert answer.status == 404
    assert intake.taken == 0
    assert_nothing_written(open_motion)


def test_a_member_outside_the_frozen_electorate_gets_djangos_403(
    loop, intake, committee, open_motion
):
    late = make_member(committee, handle="late").person
    answer = browser(intake, loop, late).post(cast_url(open_motion), {"choice": "yes"})
    assert answer.status == 403
    assert intake.taken == 0
    assert_nothing_written(open_motion)


def test_a_member_suspended_after_the_opening_gets_djangos_404(
    loop, intake, committee, chair, open_motion, member
):
    """Still an elector (the electorate is frozen) but no longer an active member."""
    visitor = browser(intake, loop, member, poll=open_motion)
    membership = Membership.objects.get(committee=committee, person=member)
    membership_suspend(membership=membership, by=chair)

    answer = visitor.post(cast_url(open_motion), {"choice": "yes"})

    assert Elector.objects.filter(poll=open_motion, person=member).exists()
    assert answer.status == 404
    assert intake.taken == 0
    assert_nothing_written(open_motion)


def test_a_draft_gets_djangos_reason(loop, intake, draft_motion, member):
    visitor = browser(intake, loop, member)

    answer = visitor.post(cast_url(draft_motion), {"choice": "yes"})

    assert answer.status == 302
    assert "has not opened yet" in visitor.follow(answer).text
    assert intake.taken == 0
    assert_nothing_written(draft_motion)


def test_a_closed_poll_gets_djangos_reason(loop, intake, open_motion, member):
    visitor = browser(intake, loop, member, poll=open_motion)
    close_poll(open_motion)

    answer = visitor.post(cast_url(open_motion), {"choice": "yes"})

    assert answer.status == 302
    assert answer.header("Location") == poll_url(open_motion)
    assert "The vote closed on" in visitor.follow(answer).text
    assert intake.taken == 0
    assert_nothing_written(open_motion)


def test_a_poll_past_its_closing_time_gets_djangos_reason(loop, intake, committee, member):
    poll = make_open_poll(committee, closes_at=timezone.now() + timedelta(hours=25))
    visitor = browser(intake, loop, member, poll=poll)
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(seconds=1))

    answer = visitor.post(cast_url(poll), {"choice": "yes"})

    assert answer.status == 302
    assert answer.header("Location") == poll_url(poll)
    assert "The vote closed at" in visitor.follow(answer).text
    assert intake.taken == 0
    assert_nothing_written(poll)


@pytest.mark.parametrize(
    ("data", "reason"),
    [({"choice": "maybe"}, "Select a valid choice"), ({}, "This field is required")],
    ids=["unknown choice", "empty"],
)
def test_an_invalid_ballot_gets_djangos_form_again(loop, intake, open_motion, member, data, reason):
    visitor = browser(intake, loop, member, poll=open_motion)

    answer = visitor.post(cast_url(open_motion), data)

    assert answer.status == 400
    assert reason in answer.text
    assert f'action="{cast_url(open_motion)}"' in answer.html
    assert intake.taken == 0
    assert_nothing_written(open_motion)


def test_a_second_ballot_gets_djangos_already_voted(loop, intake, open_motion, member):
    visitor = browser(intake, loop, member, poll=open_motion)
    tracker, secret = receipt_of(visitor.post(cast_url(open_motion), {"choice": "yes"}))
    assert intake.taken == TAKES

    answer = visitor.post(cast_url(open_motion), {"choice": "no"})

    assert answer.status == 302
    assert answer.header("Location") == poll_url(open_motion)
    assert "already voted" in visitor.follow(answer).text
    assert intake.taken == TAKES
    assert VoteCast.objects.filter(poll=open_motion).count() == 1
    assert_stored(open_motion, member, tracker, secret, "yes")


def test_a_roll_call_ballot_is_djangos_and_names_the_vote(loop, intake, committee, member):
    poll = make_open_poll(committee, is_secret=False)
    visitor = browser(intake, loop, member, poll=poll)

    tracker, secret = receipt_of(visitor.post(cast_url(poll), {"choice": "no"}))

    assert intake.taken == 0
    assert VoteCast.objects.get(poll=poll, voter=member).roll_call == {
        "tracker": tracker,
        "content": "no",
    }
    assert_stored(poll, member, tracker, secret, "no")


def _change_password(person: Person) -> None:
    person.set_password("another-long-enough-password")
    person.save()


def _deactivate(person: Person) -> None:
    Person.objects.filter(pk=person.pk).update(is_active=False)


def _expire_sessions(person: Person) -> None:
    PersonSession.objects.update(expire_date=timezone.now() - timedelta(seconds=1))


@pytest.mark.parametrize(
    "change",
    [_change_password, _deactivate, _expire_sessions],
    ids=["password changed", "inactive", "session expired"],
)
def test_a_session_django_would_not_accept_is_sent_to_the_login_page(
    loop, intake, open_motion, member, change
):
    visitor = browser(intake, loop, member, poll=open_motion)
    change(Person.objects.get(pk=member.pk))

    answer = visitor.post(cast_url(open_motion), {"choice": "yes"})

    assert answer.status == 302
    assert answer.header("Location") == login_url(open_motion)
    assert intake.taken == 0
    assert_nothing_written(open_motion)


@pytest.mark.parametrize("chunk_size", [8 * 1024, None], ids=["in chunks", "in one message"])
def test_a_body_larger_than_the_intakes_limit_is_djangos(
    loop, intake, open_motion, member, chunk_size
):
    """A valid ballot padded past MAX_BODY (Django accepts up to DATA_UPLOAD_MAX_MEMORY_SIZE):
    Django takes it, from the whole body, the part the intake read included. In chunks, the
    limit is crossed well before the last one; in one message, as a server may deliver a body
    that arrived before the application asked for it."""
    visitor = browser(intake, loop, member, poll=open_motion)
    padding = "x" * (intake_module.MAX_BODY + 16 * 1024)
    body = urlencode(
        {"choice": "no", "csrfmiddlewaretoken": visitor.csrf_token, "note": padding}
    ).encode()
    assert intake_module.MAX_BODY < len(body) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    answer = loop.run(visitor.request("POST", cast_url(open_motion), body, chunk_size=chunk_size))

    tracker, secret = receipt_of(answer)
    assert intake.taken == 0
    assert_stored(open_motion, member, tracker, secret, "no")


def test_a_host_django_does_not_serve_gets_djangos_400(loop, intake, open_motion, member):
    """No Origin header (a client that is not a browser): Django's CommonMiddleware still
    checks the Host against ALLOWED_HOSTS, and refuses."""
    visitor = browser(intake, loop, member, poll=open_motion)

    answer = visitor.post(
        cast_url(open_motion), {"choice": "yes"}, host="evil.example", origin=None
    )

    assert answer.status == 400
    assert intake.taken == 0
    assert_nothing_written(open_motion)


# ----------------------------------------------------------------------------- 4. races


@postgresql_only
def test_simultaneous_ballots_from_one_member_leave_exactly_one(loop, intake, open_motion, member):
    visitor = browser(intake, loop, member, poll=open_motion)

    async def together() -> list[Answer]:
        pool = await intake.connection_pool()
        await pool.resize(min_size=4, max_size=max(4, pool.max_size))  # one connection each
        await pool.wait()
        ballots = [{"choice": choice} for choice in ("yes", "no", "yes", "no")]
        return await asyncio.gather(
            *(visitor.post_async(cast_url(open_motion), ballot) for ballot in ballots)
        )

    answers = loop.run(together())

    assert sorted(a.status for a in answers) == [200, 302, 302, 302]
    assert intake.taken == 1
    refused = [a for a in answers if a.status == 302]
    assert all(a.header("Location") == poll_url(open_motion) for a in refused)
    (receipt,) = [a for a in answers if a.status == 200]
    tracker, secret = receipt_of(receipt)
    ballot = the_ballot(open_motion)
    assert VoteCast.objects.filter(poll=open_motion).count() == 1
    assert unseal(ballot.sealed)[0] == tracker
    assert secret_matches(secret, ballot.replace_digest)


@postgresql_only
def test_ballots_cast_while_the_poll_closes_are_all_on_the_board_or_refused(
    loop, intake, committee
):
    voters = make_voters(committee, 24)
    poll = make_open_poll(committee)
    for person in voters[:4]:
        cast(poll, person, "no")
    visitors = [browser(intake, loop, person) for person in voters[4:]]
    half_answered = threading.Event()
    answered = 0

    async def vote(visitor: Browser) -> Answer:
        nonlocal answered
        answer = await visitor.post_async(cast_url(poll), {"choice": "yes"})
        answered += 1
        if answered == 6:
            half_answered.set()
        return answer

    async def everyone() -> list[Answer]:
        pool = await intake.connection_pool()
        await pool.resize(min_size=pool.max_size, max_size=pool.max_size)
        await pool.wait()
        return await asyncio.gather(*(vote(v) for v in visitors))

    voting = loop.submit(everyone())
    assert half_answered.wait(timeout=30)
    close_poll(poll)  # on this thread's own connection, while the loop goes on voting
    answers = voting.result(timeout=60)

    accepted = [receipt_of(a)[0] for a in answers if a.status == 200]
    refused = [a for a in answers if a.status != 200]
    assert len(accepted) >= 6
    assert intake.taken <= len(accepted)
    assert all(a.status == 302 and a.header("Location") == poll_url(poll) for a in refused)
    board = board_of(fresh(poll))
    assert board_verify(board).ok
    assert board["votes_cast"] == len(board["ballots"]) == 4 + len(accepted)
    assert set(accepted) <= {b["tracker"] for b in board["ballots"]}
    assert VoteCast.objects.filter(poll=poll).count() == 4 + len(accepted)
    assert Ballot.objects.filter(poll=poll).count() == len(board["ballots"])


# ----------------------------------------------------------------------------- 5. live turnout


def test_a_ballot_refreshes_the_poll_pages_turnout(loop, intake, open_motion, member):
    visitor = browser(intake, loop, member, poll=open_motion)
    layer = get_channel_layer()
    assert layer is not None

    async def watch_and_vote() -> tuple[Answer, dict[str, Any]]:
        channel = await layer.new_channel()
        await layer.group_add(f"poll-{open_motion.pk}", channel)
        answer = await visitor.post_async(cast_url(open_motion), {"choice": "yes"})
        message = await asyncio.wait_for(layer.receive(channel), timeout=5)
        await layer.group_discard(f"poll-{open_motion.pk}", channel)
        return answer, message

    answer, message = loop.run(watch_and_vote())

    receipt_of(answer)
    assert intake.taken == TAKES
    assert message == {
        "type": "live.refresh",
        "sections": [],
        "figures": {f"poll-{open_motion.pk}-cast": 1},
    }


def test_a_channel_layer_that_is_down_does_not_cost_the_voter_the_receipt(
    loop, intake, open_motion, member, monkeypatch
):
    """The ballot is committed before the live refresh: if the channel layer fails (Redis
    gone), the voter still gets the tracker and secret of the ballot that counts, on either
    path (not Django's "you have already voted", nor an error page)."""
    visitor = browser(intake, loop, member, poll=open_motion)
    layer = get_channel_layer()

    async def unreachable(group: str, message: dict[str, Any]) -> None:
        raise ConnectionError("the channel layer is unreachable")

    monkeypatch.setattr(layer, "group_send", unreachable)

    answer = visitor.post(cast_url(open_motion), {"choice": "yes"})

    tracker, secret = receipt_of(answer)
    assert intake.taken == TAKES
    assert VoteCast.objects.filter(poll=open_motion).count() == 1
    assert_stored(open_motion, member, tracker, secret, "yes")
