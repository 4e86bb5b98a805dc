"""The demo shows a delegate with a mandate and a report-back: the garage mandated its
delegates on two questions of the transit committee, one delegate voted against the mandate,
and the report-back with marisol's report is on the agenda of the garage's next meeting."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee
from rankfile.demo.mandates import JANUARY, REPORT
from rankfile.demo.scenario import demo_load
from rankfile.demo.votes import GARAGE
from rankfile.mandates.models import Mandate, ReportBack
from rankfile.mandates.selectors import delegate_votes
from tests.factories import logged_in, page_text

pytestmark = pytest.mark.django_db


def test_the_demo_garage_has_mandates_a_vote_against_one_and_a_report_back(client):
    demo_load()
    garage = Committee.objects.get(name=GARAGE)
    assert sorted(Mandate.objects.filter(committee=garage).values_list("position", flat=True)) == [
        "yes",
        "yes",
    ]
    assert [vote.handle for vote in delegate_votes(committee=garage) if vote.is_against_mandate]
    report = ReportBack.objects.get(committee=garage)
    assert report.report == REPORT
    assert report.agenda_item.meeting.title == "Monthly meeting"
    marisol = Person.objects.get(handle="marisol")
    text = page_text(
        logged_in(client, marisol).get(reverse("committees:detail", args=[garage.slug]))
    )
    assert JANUARY in text
    assert "against the mandate" in text
