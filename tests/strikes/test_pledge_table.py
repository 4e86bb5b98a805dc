"""The shape of the pledge table: nothing in it points to a person or to a moment."""

from __future__ import annotations

import pytest
from django.db import connection, models

from rankfile.audit.models import AuditEvent
from rankfile.strikes.models import CampaignDay, Pledge, PledgeCount
from rankfile.strikes.services import pledge_make, pledge_withdraw
from tests.strikes.helpers import make_pledgers

pytestmark = pytest.mark.django_db

TIME_TYPES = (models.DateTimeField, models.DateField, models.TimeField, models.DurationField)


def test_it_has_no_reference_to_a_person_and_no_time_field():
    fields = Pledge._meta.get_fields()
    assert {field.name for field in fields} == {"id", "campaign", "committee", "holder"}
    related = {field.related_model for field in fields if field.is_relation}
    assert {model.__name__ for model in related} == {"Campaign", "Committee"}
    assert not [field for field in fields if isinstance(field, TIME_TYPES)]
    assert not [field for field in fields if isinstance(field, models.AutoField)]


def test_it_has_exactly_four_columns_in_the_database():
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, Pledge._meta.db_table)
    assert sorted(column.name for column in description) == [
        "campaign_id",
        "committee_id",
        "holder",
        "id",
    ]


def test_it_gives_pledges_random_keys_whose_order_is_not_the_order_of_pledging(campaign, committee):
    people = make_pledgers(committee, 50)
    keys = []
    for person in people:
        pledge_make(campaign=campaign, person=person, committee=committee)
        keys.append(Pledge.objects.exclude(pk__in=keys).values_list("pk", flat=True).get())
    assert len(set(keys)) == 50
    assert [k.version for k in keys] == [4] * 50
    assert sorted(keys) != keys
    assert list(Pledge.objects.order_by("pk").values_list("pk", flat=True)) != keys


def test_it_changes_only_the_counts_when_someone_withdraws_and_pledges_again(campaign, committee):
    people = make_pledgers(committee, 3)
    for person in people:
        pledge_make(campaign=campaign, person=person, committee=committee)
    before = set(Pledge.objects.values_list("committee_id", "holder"))
    events = AuditEvent.objects.count()
    pledge_withdraw(campaign=campaign, person=people[1])
    assert PledgeCount.objects.get(campaign=campaign).count == 2
    pledge_make(campaign=campaign, person=people[1], committee=committee)
    after = set(Pledge.objects.values_list("committee_id", "holder"))
    # The same rows (but a new random key), no event, a day's net change: nothing tells who.
    assert before == after
    assert AuditEvent.objects.count() == events
    assert PledgeCount.objects.get(campaign=campaign).count == 3
    assert list(CampaignDay.objects.values_list("pledged", flat=True)) == [3]
