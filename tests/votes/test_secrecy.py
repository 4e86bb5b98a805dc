"""A finished secret poll stores nothing that links a ballot to the person who cast it: not a
column, not the rows' order, not (on PostgreSQL) the transaction that wrote them."""

from __future__ import annotations

import pytest
from django.db import connection, models

from rankfile.accounts.models import Person
from rankfile.accounts.services import account_erase
from rankfile.audit.models import AuditEvent
from rankfile.tally import board_verify
from rankfile.votes.models import Ballot, VoteCast
from rankfile.votes.secrecy import tracker_lookup
from tests.votes.helpers import board_of, cast, close_poll, make_open_poll, make_voters

pytestmark = pytest.mark.django_db


def test_it_gives_the_ballot_model_no_person_no_time_and_no_sequence():
    fields = Ballot._meta.get_fields()
    related = {f.name: f.related_model for f in fields if f.is_relation}
    assert related == {"poll": related["poll"]}
    assert related["poll"].__name__ == "Poll"
    assert Person not in related.values()
    assert not [f for f in fields if isinstance(f, (models.DateField, models.TimeField))]
    assert isinstance(Ballot._meta.pk, models.UUIDField)
    assert not [f for f in fields if isinstance(f, models.AutoField)]


def test_it_gives_the_ballot_table_no_person_no_time_and_no_sequence_in_the_database():
    table = Ballot._meta.db_table
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, table)
        relations = connection.introspection.get_relations(cursor, table)
        sequences = connection.introspection.get_sequences(cursor, table)
    columns = {column.name for column in description}
    assert columns == {"id", "poll_id", "lookup", "sealed", "weight", "replace_digest"}
    assert {target for _column, target in relations.values()} == {"votes_poll"}
    if connection.vendor == "postgresql":  # SQLite lists every primary key here
        assert sequences == []
    internal = {
        column.name: connection.introspection.get_field_type(column.type_code, column)
        for column in description
    }
    assert not {"DateTimeField", "DateField", "TimeField"} & set(internal.values())
    assert internal["id"] not in {"AutoField", "BigAutoField", "IntegerField", "BigIntegerField"}


def _cast_in_order(count: int, committee):
    voters = make_voters(committee, count)
    poll = make_open_poll(committee, kind="question", options=["Ana", "Bo", "Cy"])
    receipts = [cast(poll, person, ["o1", "o2", "o3"][n % 3]) for n, person in enumerate(voters)]
    lookups = [tracker_lookup(poll_id=poll.pk, tracker=r.tracker) for r in receipts]
    return poll, voters, receipts, lookups


def physical_order(poll) -> list[str]:
    """The ballots' lookups in the order the database stores the rows: PostgreSQL's heap
    (ctid), SQLite's table b-tree (rowid)."""
    position = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT lookup FROM {Ballot._meta.db_table} WHERE poll_id = %s ORDER BY {position}",
            [poll.pk],
        )
        return [row[0] for row in cursor.fetchall()]


def unordered(poll) -> list[str]:
    """SELECT without ORDER BY, as a dump or a careless query reads the rows."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT lookup FROM {Ballot._meta.db_table} WHERE poll_id = %s", [poll.pk])
        return [row[0] for row in cursor.fetchall()]


def test_it_stores_open_ballots_in_the_order_of_casting_which_is_why_they_are_sealed(committee):
    poll, _voters, _receipts, cast_order = _cast_in_order(8, committee)
    assert physical_order(poll) == cast_order


def test_it_leaves_no_trace_of_the_order_of_casting_in_the_rows_after_the_close(committee):
    poll, _voters, _receipts, cast_order = _cast_in_order(12, committee)
    close_poll(poll)
    physical = physical_order(poll)
    by_key = list(Ballot.objects.filter(poll=poll).order_by("pk").values_list("lookup", flat=True))
    assert sorted(physical) == sorted(cast_order)
    assert physical != cast_order
    assert unordered(poll) != cast_order
    assert by_key != cast_order
    assert physical == sorted(cast_order)  # rewritten in digest order: random, not casting


@pytest.mark.skipif(connection.vendor != "postgresql", reason="transaction ids are PostgreSQL's")
def test_it_writes_every_ballot_of_a_closed_poll_in_one_transaction_no_vote_cast_shares(
    committee,
):
    poll, _voters, _receipts, _lookups = _cast_in_order(6, committee)
    with connection.cursor() as cursor:
        # While open, a ballot and its VoteCast share the casting transaction: that is what the
        # sealing (below) protects, and what the close rewrites away.
        cursor.execute(
            "SELECT count(*) FROM votes_ballot b JOIN votes_votecast v "
            "ON v.xmin::text = b.xmin::text WHERE b.poll_id = %s",
            [poll.pk],
        )
        assert cursor.fetchone()[0] == 6
    close_poll(poll)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(DISTINCT xmin::text) FROM votes_ballot WHERE poll_id = %s", [poll.pk]
        )
        assert cursor.fetchone()[0] == 1
        cursor.execute(
            "SELECT count(*) FROM votes_ballot b JOIN votes_votecast v "
            "ON v.xmin::text = b.xmin::text WHERE b.poll_id = %s",
            [poll.pk],
        )
        assert cursor.fetchone()[0] == 0


def test_it_keeps_trackers_and_contents_sealed_in_the_database(committee):
    poll, _voters, receipts, _lookups = _cast_in_order(3, committee)
    for stage in ("open", "closed"):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {Ballot._meta.db_table} WHERE poll_id = %s", [poll.pk])
            dump = repr(cursor.fetchall())
        for receipt in receipts:
            assert receipt.tracker not in dump, stage
            assert receipt.secret not in dump, stage
        assert '"o1"' not in dump and "Ana" not in dump, stage
        if stage == "open":
            close_poll(poll)
    published = {b["tracker"] for b in board_of(poll)["ballots"]}
    assert published == {r.tracker for r in receipts}


def test_it_keeps_the_roll_call_column_empty_in_a_secret_poll(committee):
    poll, _voters, _receipts, _lookups = _cast_in_order(3, committee)
    close_poll(poll)
    assert not VoteCast.objects.filter(poll=poll, roll_call__isnull=False).exists()


def test_it_writes_no_audit_event_for_a_ballot(committee):
    voters = make_voters(committee, 2)
    poll = make_open_poll(committee)
    before = AuditEvent.objects.count()
    for person in voters:
        cast(poll, person, "yes")
    assert AuditEvent.objects.count() == before
    assert not AuditEvent.objects.filter(actor__in=voters).exclude(verb__startswith="membership.")


def test_it_keeps_an_erased_voters_ballot_and_vote_cast_so_the_board_still_adds_up(committee):
    voters = make_voters(committee, 3)
    poll = make_open_poll(committee)
    for person in voters:
        cast(poll, person, "yes")
    account_erase(person=voters[0])
    closed = close_poll(poll)
    board = board_of(closed)
    assert board["votes_cast"] == len(board["ballots"]) == 3
    assert board_verify(board).ok
