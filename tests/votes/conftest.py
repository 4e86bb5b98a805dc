"""Votes fixtures, on top of the shared personas (tests/conftest.py): `committee` (the garage,
under `coordinating`) with `chair`, `member`, `delegate`; `outsider` in nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rankfile.committees.models import Committee
from rankfile.votes.models import Poll
from tests.votes.helpers import make_open_poll, make_poll


@pytest.fixture(autouse=True)
def _no_turnout_refresh_remembered() -> Iterator[None]:
    """The turnout throttle lives in the process's memory; each test starts without it."""
    from rankfile.votes import live

    live.turnout_throttle.clear()
    yield
    live.turnout_throttle.clear()


@pytest.fixture
def draft_motion(committee: Committee, member, delegate) -> Poll:
    """A yes / no motion in the garage, not open yet; chair, member and delegate will vote."""
    return make_poll(committee, title="Strike on Monday")


@pytest.fixture
def open_motion(committee: Committee, member, delegate) -> Poll:
    """The same motion, open: its electorate is chair, member and delegate."""
    return make_open_poll(committee, title="Strike on Monday")
