"""The meeting personas (secretary, meeting, open_meeting) are shared with the motions tests."""

from tests.meetings.conftest import meeting, open_meeting, secretary, secretary_client  # noqa: F401
