"""Garbage in any field of any meeting or motion form is answered with a page or a message,
never a server error."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.meetings.helpers import check_in
from tests.motions.helpers import make_motion_on_agenda

GARBAGE = [
    {},
    {"title": "x" * 5000, "kind": "\x00", "code": "'; DROP TABLE", "direction": "left"},
    {"person": "-1", "meeting": "1e9", "committee": "[]", "majority": "all", "ballot": "none"},
    {"text": "\u202e\ufffd\x00", "reason": "x" * 10000, "starts_at": "2026-02-30T25:61"},
    {"speaker_seconds": "99999999999999999999", "online_link": "javascript:alert(1)"},
    {"demands": ["1", "x", "-5"], "new_demands": "\n" * 50, "target_text": "x" * 9999},
]


@pytest.fixture
def everything(committee, open_meeting, chair, member):
    check_in(open_meeting, chair, member)
    motion = make_motion_on_agenda(committee, open_meeting)
    item = open_meeting.agenda_items.first()
    return [
        reverse("meetings:call", args=[committee.slug]),
        reverse("meetings:petition_open", args=[committee.slug]),
        reverse("meetings:details", args=[open_meeting.pk]),
        reverse("meetings:notes", args=[open_meeting.pk]),
        reverse("meetings:check_in", args=[open_meeting.pk]),
        reverse("meetings:agenda_add", args=[open_meeting.pk]),
        reverse("meetings:agenda_move", args=[open_meeting.pk, item.pk]),
        reverse("meetings:lower", args=[open_meeting.pk]),
        reverse("meetings:raise", args=[open_meeting.pk]),
        reverse("meetings:next", args=[open_meeting.pk]),
        reverse("motions:create", args=[committee.slug]),
        reverse("motions:agenda", args=[motion.pk]),
        reverse("motions:vote", args=[motion.pk]),
        reverse("motions:amend", args=[motion.pk]),
        reverse("motions:comment", args=[motion.pk]),
        reverse("motions:forward", args=[motion.pk]),
        reverse("motions:second", args=[motion.pk]),
    ]


@pytest.mark.parametrize("data", GARBAGE)
def test_it_never_answers_garbage_with_a_server_error(chair_client, everything, data):
    for url in everything:
        response = chair_client.post(url, data)
        assert response.status_code < 500, (url, data)


def test_it_never_fails_on_a_garbage_query_string(chair_client, open_meeting):
    url = reverse("meetings:check_in", args=[open_meeting.pk])
    assert chair_client.get(url + "?code=" + "%00" * 100).status_code == 200
