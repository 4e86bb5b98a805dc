"""Malformed input to every committee form: a 4xx or a redirect with an error, never a 500; what
was typed comes back in the form; nothing is written."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.messages import constants, get_messages
from django.db import transaction
from django.urls import reverse

from rankfile.accounts.models import Person
from rankfile.audit.models import AuditEvent
from rankfile.committees.models import (
    Affiliation,
    Committee,
    DelegateSeat,
    Invitation,
    Membership,
    Role,
)
from tests.factories import (
    count_rows,
    logged_in,
    make_committee,
    make_member,
    make_person,
    set_bylaws,
)

HUGE = "x" * 100_000
JUNK = "\u202e\u200b\ufeff💥ｍｅｍｂｅｒ\u0301"
NUL = "Garage\x00"
WRITTEN = (AuditEvent, Committee, Membership, Role, DelegateSeat, Invitation, Affiliation, Person)


@dataclasses.dataclass(frozen=True)
class Form:
    name: str
    valid: dict[str, Any]
    bad: dict[str, list[Any]]  # field -> values that must each be refused
    kept: str = ""  # a field whose typed value the re-rendered form must show
    redirects: bool = False  # a POST-only action: refuses with a message, not a form

    def __str__(self) -> str:
        return self.name

    def cases(self) -> list[tuple[str, str, Any]]:
        return [(self.name, field, value) for field, values in self.bad.items() for value in values]


FORMS = [
    Form(
        "found",
        {
            "name": "Kept Garage Name",
            "kind": "workplace",
            "sector": "transit",
            "region": "US/MN",
            "workforce_estimate": "100",
            "description": "",
        },
        {
            "name": [None, "", HUGE, NUL, ["a", ""]],
            "kind": [None, JUNK, "coordinating", ["workplace", "alliance"]],
            "sector": [JUNK, NUL],
            "region": [None, "//", HUGE, NUL, JUNK + "//x"],
            "workforce_estimate": ["seven", "-5", "0", "1e999", "9" * 5000, HUGE, NUL],
            "description": [HUGE, NUL],
        },
        kept="name",
    ),
    Form(
        "edit",
        {
            "name": "Kept Garage Name",
            "sector": "transit",
            "region": "US/MN",
            "workforce_estimate": "100",
            "description": "",
        },
        {
            "name": [None, "", HUGE, NUL, [JUNK, ""]],
            "sector": [None, JUNK],
            "region": [None, "/", HUGE, NUL],
            "workforce_estimate": ["-1", "1.5", "10000001", NUL, ["1", "x"]],
            "description": [HUGE, NUL],
        },
        kept="name",
    ),
    Form(
        "bylaws",
        {"quorum_minimum": "31", "vouches_needed": "2"},
        {
            "vouches_needed": ["-1", "11", "two", HUGE, NUL, ["1", "x"]],
            "k_anonymity": ["1", "0", "-5", "1e3"],
            "quorum_percent": ["101", JUNK],
            "election_method": [JUNK, "dictator", NUL],
            "delegate_weight": [HUGE],
            "in_meeting_polls_need_check_in": ["maybe", NUL],
        },
        kept="quorum_minimum",
    ),
    Form(
        "invitations",
        {"label": "Kept Label", "valid_days": "7", "max_uses": "1"},
        {
            "label": [HUGE, NUL],
            "valid_days": [None, "", "0", "-7", "91", "week", NUL, ["7", "x"]],
            "max_uses": ["0", "-1", "1001", JUNK],
        },
        kept="label",
    ),
    Form(
        "affiliation_request",
        {"parent": "<parent>"},
        {"parent": [None, "", "-1", "999999", "abc", HUGE, NUL, JUNK, ["<parent>", "x"]]},
    ),
    Form(
        "role_assign",
        {"handle": "member", "kind": "secretary"},
        {
            "handle": [None, "", HUGE, NUL, JUNK, "outsider", ["member", "nobody"]],
            "kind": [None, "", "treasurer", JUNK, NUL, ["secretary", "king"]],
        },
        redirects=True,
    ),
    Form(
        "seat_assign",
        {"handle": "member", "parent": "<coordinating>", "term_ends_on": ""},
        {
            "handle": [None, "", HUGE, NUL, JUNK, "outsider", ["member", "nobody"]],
            "parent": [None, "<elsewhere>", "-1", "abc", NUL, ["<coordinating>", "x"]],
            "term_ends_on": [
                "tomorrow",
                "2026-02-30",
                "9999-12-31",
                "0001-01-01",
                "1999-01-01",
                HUGE,
                NUL,
            ],
        },
        redirects=True,
    ),
]


def post_data(
    form: Form, ids: dict[str, int], field: str = "", value: Any = None
) -> dict[str, Any]:
    """The valid data with `field` set to `value` (None: left out); "<name>" stands for an id."""
    data = dict(form.valid)
    if field:
        data[field] = value
        if value is None:
            del data[field]

    def filled(item: Any) -> Any:
        if isinstance(item, list):
            return [filled(each) for each in item]
        if isinstance(item, str) and item.startswith("<") and item.endswith(">"):
            return str(ids[item[1:-1]])
        return item

    return {key: filled(item) for key, item in data.items()}


def committee_state(committee: Committee) -> tuple[Any, ...]:
    committee.refresh_from_db()
    return (
        committee.name,
        committee.region,
        committee.workforce_estimate,
        committee.bylaws_overrides,
    )


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker) -> Iterator[SimpleNamespace]:
    """Built once for the module's hundred-odd posts and rolled back at its end; each test runs
    in its own savepoint inside."""
    with django_db_blocker.unblock(), transaction.atomic():
        chair = make_person("chair")
        coordinating = make_committee("coordinating", name="Twin Cities Transit Workers")
        committee = make_committee(by=chair, name="Heywood Bus Garage", parent=coordinating)
        make_member(committee, handle="member")
        make_person("outsider")
        ids = {
            "parent": make_committee("coordinating", name="Minneapolis").pk,
            "coordinating": coordinating.pk,
            "elsewhere": make_committee("coordinating").pk,
        }
        yield SimpleNamespace(chair=chair, committee=committee, ids=ids)
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("form_name", "field", "value"),
    [case for form in FORMS for case in form.cases()],
    ids=lambda item: repr(item)[:24],
)
def test_it_refuses_malformed_input_without_failing_or_writing(
    db, client, shared, form_name, field, value
):
    form = next(each for each in FORMS if each.name == form_name)
    committee = shared.committee
    logged_in(client, shared.chair)
    before = count_rows(*WRITTEN), committee_state(committee)

    response = client.post(url_of(form, committee), post_data(form, shared.ids, field, value))

    if form.redirects:
        assert response.status_code == 302
        levels = [message.level for message in get_messages(response.wsgi_request)]
        assert levels == [constants.ERROR]
    else:
        assert response.status_code == 400
        if form.kept and field != form.kept:
            assert f'value="{form.valid[form.kept]}"' in response.content.decode()
    assert (count_rows(*WRITTEN), committee_state(committee)) == before


def url_of(form: Form, committee: Committee) -> str:
    if form.name == "found":
        return reverse("committees:found")
    return reverse(f"committees:{form.name}", args=[committee.slug])


@pytest.mark.parametrize(
    "form", [form for form in FORMS if not form.redirects and form.name != "bylaws"], ids=str
)
def test_it_refuses_a_form_posted_empty(db, client, shared, form):
    logged_in(client, shared.chair)
    before = count_rows(*WRITTEN), committee_state(shared.committee)
    response = client.post(url_of(form, shared.committee), {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert (count_rows(*WRITTEN), committee_state(shared.committee)) == before


def test_it_takes_an_empty_bylaws_form_as_inheriting_everything(db, client, shared):
    set_bylaws(shared.committee, vouches_needed=2)
    response = logged_in(client, shared.chair).post(url_of(FORMS[2], shared.committee), {})
    assert response.status_code == 302
    shared.committee.refresh_from_db()
    assert shared.committee.bylaws_overrides == {}


@pytest.mark.parametrize("form", FORMS, ids=str)
def test_it_accepts_the_valid_input_these_tests_start_from(db, client, shared, form):
    """So that each refusal above is caused by the bad value alone."""
    logged_in(client, shared.chair)
    response = client.post(url_of(form, shared.committee), post_data(form, shared.ids))
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        levels = [message.level for message in get_messages(response.wsgi_request)]
        assert levels == [constants.SUCCESS]
    if form.name == "invitations":
        assert "Your new link" in response.content.decode()


@pytest.mark.parametrize("query", ["\x00", HUGE, JUNK, "%", "_"])
def test_it_searches_with_any_query_without_failing(db, client, shared, query):
    response = logged_in(client, shared.chair).get(
        reverse("committees:affiliation_request", args=[shared.committee.slug]), {"q": query}
    )
    assert response.status_code == 200


def test_it_refuses_to_seat_someone_whose_membership_was_suspended(db, client, shared):
    suspended = make_member(shared.committee, status="suspended").person
    response = logged_in(client, shared.chair).post(
        reverse("committees:seat_assign", args=[shared.committee.slug]),
        {"handle": suspended.handle, "parent": shared.ids["coordinating"]},
    )
    assert [m.level for m in get_messages(response.wsgi_request)] == [constants.ERROR]
    assert not DelegateSeat.objects.filter(person=suspended).exists()
