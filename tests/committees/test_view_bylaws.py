"""Bylaws: officers set what differs from the committee above; empty means inherit."""

from __future__ import annotations

from django.urls import reverse

from rankfile.committees.bylaws import bylaws_effective
from tests.factories import page_text, set_bylaws


def url(committee) -> str:
    return reverse("committees:bylaws", args=[committee.slug])


def test_it_shows_what_each_empty_field_inherits(chair_client, committee, coordinating):
    set_bylaws(coordinating, vouches_needed=2)
    response = chair_client.get(url(committee))
    assert response.status_code == 200
    assert "Empty: inherit (2)." in page_text(response)


def test_it_saves_the_values_set_and_leaves_the_rest_inherited(chair_client, committee):
    response = chair_client.post(
        url(committee),
        {"vouches_needed": "2", "in_meeting_polls_need_check_in": "no", "quorum_percent": ""},
    )
    assert response.status_code == 302
    committee.refresh_from_db()
    assert committee.bylaws_overrides == {
        "vouches_needed": 2,
        "in_meeting_polls_need_check_in": False,
    }
    assert bylaws_effective(committee=committee).quorum_percent == 25


def test_it_shows_the_saved_values_when_the_form_opens_again(chair_client, committee):
    set_bylaws(committee, k_anonymity=7, in_meeting_polls_need_check_in=False)
    content = chair_client.get(url(committee)).content.decode()
    assert 'value="7"' in content
    assert '<option value="no" selected>' in content


def test_it_refuses_a_value_out_of_bounds_and_saves_nothing(chair_client, committee):
    response = chair_client.post(url(committee), {"k_anonymity": "1", "vouches_needed": "3"})
    assert response.status_code == 400
    assert "greater than or equal to 2" in page_text(response)
    assert 'value="3"' in response.content.decode()
    committee.refresh_from_db()
    assert committee.bylaws_overrides == {}
