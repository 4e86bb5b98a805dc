"""Accounts: argon2 passwords, contact details encrypted at rest, erasure, export."""

from __future__ import annotations

import pytest
from cryptography.fernet import MultiFernet
from django.core.exceptions import ValidationError
from django.db import connection

from rankfile import settings as project_settings
from rankfile.accounts import services
from rankfile.accounts.models import Person
from rankfile.audit.describe import describe_event
from rankfile.audit.models import AuditEvent
from rankfile.committees import services as committee_services
from rankfile.committees.models import DelegateSeat, Membership, MembershipStatus, Role, Vouch
from rankfile.core.crypto import field_cipher
from rankfile.core.errors import RuleViolation
from tests.factories import (
    PASSWORD,
    active_count_in_database,
    chair_of,
    make_committee,
    make_member,
    make_person,
)

pytestmark = pytest.mark.django_db


def raw_column(person: Person, field: str) -> str:
    column = Person._meta.get_field(field).column
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Person._meta.db_table)
        column = connection.ops.quote_name(column)
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [person.pk])
        return cursor.fetchone()[0]


def test_it_stores_the_password_as_an_argon2_hash_at_the_production_cost(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    person = services.account_create(handle="ana", password=PASSWORD)
    stored = raw_column(person, "password")
    assert stored.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")
    assert PASSWORD not in stored
    assert Person.objects.get(handle="ana").check_password(PASSWORD)


def test_it_uses_only_argon2_in_production():
    assert project_settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.Argon2PasswordHasher"]


def test_it_refuses_a_taken_handle_whatever_its_case():
    make_person("Marisol")
    with pytest.raises(RuleViolation, match="That handle is taken"):
        services.account_create(handle="marisol", password=PASSWORD)
    assert Person.objects.count() == 1


def test_it_refuses_a_weak_password_or_one_like_the_handle():
    with pytest.raises(RuleViolation, match="too common"):
        services.account_create(handle="ana", password="password")
    with pytest.raises(RuleViolation, match="too similar to the handle"):
        services.account_create(handle="dwayne", password="dwayne-x")
    assert not Person.objects.exists()


def test_it_refuses_a_handle_with_spaces_or_symbols():
    with pytest.raises(ValidationError, match="3 to 32 characters"):
        services.account_create(handle="ana maria!", password=PASSWORD)


@pytest.mark.parametrize("field", ["email", "real_name", "phone"])
def test_it_stores_contact_details_encrypted(field):
    plain = {"email": "rosa@example.org", "real_name": "Rosa Martínez", "phone": "+1 612 555"}
    person = make_person()
    services.account_update_contact(person=person, language="", **plain)
    stored = raw_column(person, field)
    assert plain[field] not in stored
    assert stored.startswith("gAAAAA")
    assert field_cipher().decrypt(stored.encode()).decode() == plain[field]
    assert getattr(Person.objects.get(pk=person.pk), field) == plain[field]


def test_it_encrypts_the_same_value_differently_each_time():
    first = make_person(email="same@example.org")
    second = make_person(email="same@example.org")
    assert raw_column(first, "email") != raw_column(second, "email")


def test_it_stores_an_empty_contact_detail_as_empty():
    person = make_person()
    assert raw_column(person, "phone") == ""
    assert not person.has_contact_details


def test_it_reads_values_encrypted_with_an_older_key(settings):
    person = make_person(phone="+1 612 555 0100")
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    settings.FIELD_ENCRYPTION_KEYS = ["cHJvZHVjdGlvbi1rZXktZm9yLXRlc3RzLW9ubHktMzI=", old_key]
    assert Person.objects.get(pk=person.pk).phone == "+1 612 555 0100"
    assert isinstance(field_cipher(), MultiFernet)


def test_it_trims_contact_details():
    person = make_person()
    services.account_update_contact(
        person=person, email=" a@example.org ", real_name=" Ana ", phone=" 1 ", language="es"
    )
    person.refresh_from_db()
    assert (person.email, person.real_name, person.phone, person.language) == (
        "a@example.org",
        "Ana",
        "1",
        "es",
    )


def test_it_changes_the_password_only_with_the_current_one():
    person = make_person()
    with pytest.raises(RuleViolation, match="current password is not right"):
        services.account_change_password(
            person=person, old_password="wrong", new_password="another-long-password"
        )
    services.account_change_password(
        person=person, old_password=PASSWORD, new_password="another-long-password"
    )
    assert Person.objects.get(pk=person.pk).check_password("another-long-password")


def test_it_refuses_a_weak_new_password():
    person = make_person()
    with pytest.raises(RuleViolation, match="too short"):
        services.account_change_password(person=person, old_password=PASSWORD, new_password="a1")
    assert Person.objects.get(pk=person.pk).check_password(PASSWORD)


def test_it_erases_the_person_and_every_membership_and_keeps_the_counts_true(
    committee, coordinating, delegate
):
    elsewhere = make_committee(name="Hospital")
    make_member(elsewhere, delegate, status=MembershipStatus.APPLIED)
    services.account_erase(person=delegate)
    assert not Person.objects.filter(handle="delegate").exists()
    assert not Membership.objects.filter(person_id=delegate.pk).exists()
    assert not DelegateSeat.objects.filter(person_id=delegate.pk).exists()
    for each in (committee, coordinating, elsewhere):
        each.refresh_from_db()
        assert each.active_member_count == active_count_in_database(each) == 1


def test_it_takes_away_the_vouches_and_roles_of_an_erased_person(committee, chair, member):
    services_role = committee_services.role_assign(
        committee=committee, person=member, kind="secretary", by=chair
    )
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    committee_services.committee_bylaws_update(
        committee=committee, by=chair, overrides={"vouches_needed": 2}
    )
    committee_services.membership_vouch(membership=applicant, by=member)
    services.account_erase(person=member)
    assert not Vouch.objects.exists()
    assert not Role.objects.filter(pk=services_role.pk).exists()


def test_it_keeps_the_log_of_an_erased_person_as_a_former_member(committee):
    rosa = make_member(committee, handle="rosa_w").person
    events_before = AuditEvent.objects.filter(committee=committee).count()
    services.account_erase(person=rosa)
    events = AuditEvent.objects.filter(committee=committee).order_by("id")
    assert events.count() == events_before + 1
    sentences = [describe_event(event) for event in events]
    assert "a former member was admitted" in sentences
    assert sentences[-1] == "a member erased their account"
    assert not any("rosa_w" in sentence for sentence in sentences)


def test_it_exports_everything_about_the_person(committee, coordinating, chair, delegate):
    delegate.email, delegate.phone = "d@example.org", "+1 612"
    delegate.save()
    committee_services.role_assign(committee=committee, person=delegate, kind="secretary", by=chair)
    data = services.account_export(person=delegate)
    assert data["format"] == "rankfile-account-export/1"
    assert data["account"]["handle"] == "delegate"
    assert (data["account"]["email"], data["account"]["phone"]) == ("d@example.org", "+1 612")
    assert sorted((m["committee"], m["status"]) for m in data["memberships"]) == [
        ("Heywood Bus Garage", "active"),
        ("Twin Cities Transit Workers", "active"),
    ]
    assert [r["role"] for r in data["roles"]] == ["secretary"]
    assert [(s["on"], s["for"]) for s in data["delegate_seats"]] == [
        ("Twin Cities Transit Workers", "Heywood Bus Garage")
    ]
    assert [e["verb"] for e in data["audit_events_by_me"]] == ["membership.applied"]


def test_it_exports_the_notifications_the_person_turned_off():
    person = make_person()
    services.account_set_notifications(person=person, wanted=["meeting_called"])
    off = services.account_export(person=person)["account"]["notifications_off"]
    assert "poll_opened" in off
    assert "meeting_called" not in off


def test_it_exports_the_vouches_the_person_gave(committee, chair):
    applicant = make_member(committee, status=MembershipStatus.APPLIED)
    committee_services.membership_vouch(membership=applicant, by=chair_of(committee))
    data = services.account_export(person=chair)
    assert [v["committee"] for v in data["vouches_given"]] == ["Heywood Bus Garage"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ana.m", "ANA-M"),
        ("ana.m", "ana_m"),
        ("marisol", "rnarisol"),
        ("lola", "l0la"),
        ("lola", "1ola"),
        ("dwayne", "clwayne"),
        ("willa", "vvilla"),
        ("nila", "n1la"),
    ],
)
def test_it_refuses_a_handle_that_looks_like_a_taken_one(first, second):
    services.account_create(handle=first, password=PASSWORD)
    with pytest.raises(RuleViolation, match="looks too much like one that is"):
        services.account_create(handle=second, password=PASSWORD)
    assert Person.objects.count() == 1


def test_handles_that_only_look_different_to_a_machine_are_one_skeleton_and_others_are_not():
    from rankfile.accounts.models import handle_skeleton

    assert handle_skeleton("Ana.M") == handle_skeleton("ana-m") == handle_skeleton("ana_m")
    assert handle_skeleton("ana") != handle_skeleton("anna")
    assert handle_skeleton("marisol") != handle_skeleton("marisa")
