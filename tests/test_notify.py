"""Notifications reach only the people who want them, one message each, after commit."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from rankfile.accounts.models import Person
from rankfile.committees.models import MembershipStatus
from rankfile.committees.notify import notify_committee_members
from rankfile.core.notify import NotificationKind, notify_people
from tests.factories import make_committee, make_member

pytestmark = pytest.mark.django_db(transaction=True)


def make(handle: str, *, email: str = "", off: list[str] | None = None) -> Person:
    return Person.objects.create(handle=handle, email=email, notifications_off=off or [])


def test_it_mails_each_person_with_an_address_separately() -> None:
    ana = make("ana_n", email="ana@example.org")
    bo = make("bo_n", email="bo@example.org")
    make("cy_n")
    with transaction.atomic():
        notify_people(
            person_ids=Person.objects.values_list("pk", flat=True),
            kind=NotificationKind.MEETING_CALLED,
            subject="Emergency meeting",
            body="Tonight at 7.",
        )
    assert sorted(message.to[0] for message in mail.outbox) == [ana.email, bo.email]
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert mail.outbox[0].subject.endswith("Emergency meeting")


def test_it_skips_people_who_turned_that_kind_off() -> None:
    make("dee_n", email="dee@example.org", off=[NotificationKind.POLL_OPENED])
    eve = make("eve_n", email="eve@example.org")
    with transaction.atomic():
        notify_people(
            person_ids=Person.objects.values_list("pk", flat=True),
            kind=NotificationKind.POLL_OPENED,
            subject="A vote opens",
            body="...",
        )
    assert [message.to[0] for message in mail.outbox] == [eve.email]


def test_it_mails_only_the_active_members_of_a_committee() -> None:
    committee = make_committee(by=make("hal_n", email="hal@example.org"))
    make_member(committee, make("ida_n", email="ida@example.org"))
    for status in (MembershipStatus.APPLIED, MembershipStatus.SUSPENDED, MembershipStatus.LEFT):
        make_member(committee, make(f"{status}_n", email=f"{status}@example.org"), status=status)
    make_committee(by=make("jo_n", email="jo@example.org"))
    with transaction.atomic():
        notify_committee_members(
            committee_id=committee.pk,
            kind=NotificationKind.MEETING_CALLED,
            subject="Emergency meeting",
            body="Tonight at 7.",
        )
    assert sorted(message.to[0] for message in mail.outbox) == [
        "hal@example.org",
        "ida@example.org",
    ]


def test_it_sends_nothing_when_the_change_is_rolled_back() -> None:
    fay = make("fay_n", email="fay@example.org")

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        notify_people(person_ids=[fay.pk], kind="meeting_called", subject="x", body="y")
        raise Boom
    assert mail.outbox == []


def test_it_saves_the_choice_from_the_notifications_page(client) -> None:  # type: ignore[no-untyped-def]
    person = make("gus_n", email="gus@example.org")
    client.force_login(person)
    response = client.post("/account/notifications/", {"kinds": ["poll_opened"]})
    assert response.status_code == 302
    person.refresh_from_db()
    assert "poll_opened" not in person.notifications_off
    assert "meeting_called" in person.notifications_off
