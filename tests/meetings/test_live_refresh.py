"""Each state change tells the meeting page which sections to refresh."""

from __future__ import annotations

import pytest

from rankfile.meetings import services
from tests.meetings.helpers import check_in


@pytest.fixture
def refreshed(monkeypatch):
    calls: list[tuple[str, tuple[str, ...]]] = []

    def record(group: str, *sections: str) -> None:
        calls.append((group, sections))

    for module in ("calling", "running"):
        monkeypatch.setattr(f"rankfile.meetings.services.{module}.live_refresh", record)
    return calls


def test_it_refreshes_the_speakers_when_a_hand_goes_up(refreshed, open_meeting, member, chair):
    check_in(open_meeting, member)
    refreshed.clear()
    services.speaker_raise(meeting=open_meeting, person=member)
    services.speaker_next(meeting=open_meeting, by=chair)
    group = f"meeting-{open_meeting.pk}"
    assert refreshed == [(group, ("speakers",)), (group, ("speakers",))]


def test_it_refreshes_the_agenda_when_it_changes(refreshed, open_meeting, chair):
    refreshed.clear()
    services.agenda_item_add(meeting=open_meeting, by=chair, title="Fund")
    assert refreshed == [(f"meeting-{open_meeting.pk}", ("agenda",))]


def test_it_refreshes_every_section_when_the_meeting_closes(refreshed, open_meeting, chair):
    refreshed.clear()
    services.meeting_close(meeting=open_meeting, by=chair)
    [(_group, sections)] = refreshed
    assert set(sections) == {"status", "agenda", "attendance", "quorum", "speakers", "polls"}
