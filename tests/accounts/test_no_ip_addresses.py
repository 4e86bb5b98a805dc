"""No IP address is stored anywhere: not in any table, not in the session."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.urls import reverse

from rankfile.accounts.models import PersonSession
from rankfile.accounts.sessions import SessionStore
from tests.factories import PASSWORD, make_invitation

ADDRESSES = ("203.0.113.77", "198.51.100.23", "2001:db8::7", "127.0.0.1")
FROM_AFAR = {
    "REMOTE_ADDR": "203.0.113.77",
    "HTTP_X_FORWARDED_FOR": "198.51.100.23",
    "HTTP_X_REAL_IP": "2001:db8::7",
}


def every_stored_value() -> list[str]:
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            values.extend(str(value) for row in cursor.fetchall() for value in row)
    return values


def test_it_stores_no_ip_address_after_logging_in_and_acting(db, chair, committee, member):
    visitor = Client(**FROM_AFAR)
    response = visitor.post(reverse("accounts:login"), {"handle": "chair", "password": PASSWORD})
    assert response.status_code == 302
    slug = committee.slug
    visitor.post(reverse("committees:invitations", args=[slug]), {"valid_days": "7"})
    visitor.post(
        reverse("committees:role_assign", args=[slug]), {"handle": "member", "kind": "secretary"}
    )
    visitor.post(
        reverse("accounts:settings"),
        {"email": "c@example.org", "real_name": "", "phone": "", "language": ""},
    )
    visitor.post(reverse("accounts:login"), {"handle": "member", "password": "wrong"})
    newcomer = Client(**FROM_AFAR)
    newcomer.post(
        reverse("committees:join", args=[make_invitation(committee)]),
        {"handle": "newcomer", "password": PASSWORD, "password_again": PASSWORD},
    )
    stored = every_stored_value()
    assert any("newcomer" in value for value in stored)
    assert not [value for value in stored if any(address in value for address in ADDRESSES)]
    sessions = [SessionStore(session_key=s.session_key).load() for s in PersonSession.objects.all()]
    assert len(sessions) == 2
    assert not [s for s in sessions if any(address in str(s) for address in ADDRESSES)]
