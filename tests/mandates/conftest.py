"""The meeting personas are shared with the meetings tests; the mandates world is built in
tests/mandates/helpers.py on top of the shared `committee`, `coordinating` and `delegate`."""

from tests.meetings.conftest import meeting, open_meeting, secretary, secretary_client  # noqa: F401
