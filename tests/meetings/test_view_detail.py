"""The meeting page and its live sections."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import make_members, page_text
from tests.meetings.helpers import check_in

SECTIONS = ["status", "attendance", "quorum", "speakers", "agenda", "polls"]


def test_it_shows_the_place_and_every_live_section_to_a_member(member_client, meeting):
    response = member_client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Union hall, room 2" in page_text(response)
    assert f'data-live-socket="/ws/meetings/{meeting.pk}/"' in html
    for section in SECTIONS:
        assert f'data-live-section="{section}"' in html
        assert f'hx-get="{reverse("meetings:live", args=[meeting.pk, section])}"' in html
    assert "js/live.js" in html
    # The officers' tools stay with the officers.
    assert reverse("meetings:room", args=[meeting.pk]) not in html


def test_it_shows_the_officers_their_tools(chair_client, meeting):
    html = chair_client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert reverse("meetings:room", args=[meeting.pk]) in html
    assert reverse("meetings:attendance", args=[meeting.pk]) in html


def test_it_renders_each_live_section_alone_as_a_swappable_fragment(member_client, open_meeting):
    for section in SECTIONS:
        response = member_client.get(reverse("meetings:live", args=[open_meeting.pk, section]))
        assert response.status_code == 200
        html = response.content.decode().strip()
        assert html.startswith("<section")
        assert f'data-live-section="{section}"' in html
        assert "<html" not in html


def test_it_answers_404_for_an_unknown_section(member_client, open_meeting):
    response = member_client.get(reverse("meetings:live", args=[open_meeting.pk, "secrets"]))
    assert response.status_code == 404


def test_it_shows_the_quorum_with_its_reason(member_client, committee, open_meeting):
    people = [m.person for m in make_members(committee, 9)]  # 11 members with chair and member
    check_in(open_meeting, *people[:2])
    response = member_client.get(reverse("meetings:live", args=[open_meeting.pk, "quorum"]))
    assert "Quorum not reached: 2 of 3 present." in page_text(response)
    check_in(open_meeting, people[2])
    response = member_client.get(reverse("meetings:live", args=[open_meeting.pk, "quorum"]))
    assert "Quorum reached: 3 of 3 present." in page_text(response)


def test_it_explains_why_an_officer_cannot_start_yet(chair_client, meeting):
    text = page_text(chair_client.get(reverse("meetings:detail", args=[meeting.pk])))
    assert "it can start from" in text
    assert "Open the meeting" not in text


def test_it_keeps_the_query_count_flat_as_people_arrive(
    member_client, committee, open_meeting, django_assert_max_num_queries
):
    people = [m.person for m in make_members(committee, 12)]
    check_in(open_meeting, *people)
    with django_assert_max_num_queries(20):
        response = member_client.get(reverse("meetings:detail", args=[open_meeting.pk]))
    assert response.status_code == 200


def test_it_lists_the_meetings_of_the_committee(member_client, committee, meeting):
    response = member_client.get(reverse("meetings:list", args=[committee.slug]))
    assert response.status_code == 200
    assert "Monthly meeting" in page_text(response)
    assert "Petition for an emergency meeting" in page_text(response)
