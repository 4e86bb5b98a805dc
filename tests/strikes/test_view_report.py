"""Strike reports by the officers of a covered workplace."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from rankfile.audit.models import AuditEvent
from rankfile.strikes.models import StrikeReport, StrikeState
from tests.factories import logged_in, page_text
from tests.strikes.helpers import make_campaign


def url(campaign, committee) -> str:
    return reverse("strikes:report", args=[campaign.pk, committee.slug])


def test_it_records_a_report_and_keeps_the_history(chair_client, called, committee, chair):
    chair_client.post(url(called, committee), {"status": "partial", "workers_out": "120"})
    response = chair_client.post(url(called, committee), {"status": "out", "workers_out": "600"})
    assert response.status_code == 302
    assert list(StrikeReport.objects.order_by("id").values_list("status", "workers_out")) == [
        ("partial", 120),
        ("out", 600),
    ]
    state = StrikeState.objects.get()
    assert (state.status, state.workers_out) == ("out", 600)
    events = AuditEvent.objects.filter(verb="strike.reported")
    assert {(e.actor, e.committee) for e in events} == {(chair, committee)}
    text = page_text(chair_client.get(url(called, committee)))
    assert "Partly out 120" in text and "Out on strike 600" in text


def test_it_counts_no_one_out_when_the_workplace_is_working(chair_client, called, committee):
    chair_client.post(url(called, committee), {"status": "working", "workers_out": "30"})
    assert StrikeState.objects.get().workers_out == 0


def test_it_keeps_the_typed_values_and_says_what_is_missing(chair_client, called, committee):
    response = chair_client.post(url(called, committee), {"status": "out", "workers_out": ""})
    assert response.status_code == 400
    assert "at least one" in page_text(response)
    assert 'value="out" required id="id_status_0" checked' in response.content.decode()
    assert not StrikeReport.objects.exists()


def test_it_refuses_reports_before_the_trigger_and_says_why(chair_client, campaign, committee):
    text = page_text(chair_client.get(url(campaign, committee)))
    assert "Strike reports open once the conditions are met" in text
    response = chair_client.post(url(campaign, committee), {"status": "out", "workers_out": "5"})
    assert response.status_code == 400
    assert not StrikeReport.objects.exists()


def test_it_refuses_reports_before_the_start_date(chair_client, coordinating, committee):
    later = make_campaign(
        coordinating, percent=None, starts_on=timezone.localdate() + timedelta(days=3)
    )
    response = chair_client.post(url(later, committee), {"status": "out", "workers_out": "5"})
    assert response.status_code == 400
    assert "Strike reports open when the action starts" in page_text(response)


def test_it_refuses_a_member_without_a_role(member_client, called, committee):
    assert member_client.get(url(called, committee)).status_code == 403
    response = member_client.post(url(called, committee), {"status": "out", "workers_out": "5"})
    assert response.status_code == 403
    assert not StrikeReport.objects.exists()


def test_it_hides_the_workplace_from_an_outsider(outsider_client, called, committee):
    assert outsider_client.get(url(called, committee)).status_code == 404


def test_it_hides_a_coordinating_committee_which_has_nothing_to_report(
    client, called, coordinating, coordinator
):
    assert logged_in(client, coordinator).get(url(called, coordinating)).status_code == 404


def test_it_refuses_other_methods(chair_client, called, committee):
    assert chair_client.put(url(called, committee)).status_code == 405
