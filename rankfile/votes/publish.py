"""The bulletin board of a poll (format rankfile-board/1, built and hashed by rankfile.tally) and
the count made from it. The web app counts only from the board, with the same call
`rankfile verify board.json` makes, so a recount of the published file gives the stored result.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from rankfile.tally import board_build, board_profile, count
from rankfile.tally.board import Board
from rankfile.votes.content import option_board_id
from rankfile.votes.models import Majority, Poll, PollMethod, PollOption

# The board spells the two-thirds majority with a dash, as the tally CLI does.
BOARD_MAJORITY = {Majority.SIMPLE: "simple", Majority.TWO_THIRDS: "two-thirds"}


def poll_board_build(
    *,
    poll: Poll,
    options: Sequence[PollOption],
    ballots: Sequence[tuple[str, Any, Decimal]],
    votes_cast: int,
) -> Board:
    """Raises rankfile.tally.TallyInputError when the board would not verify (for instance when
    votes cast differ from the number of ballots)."""
    # The tie rule goes on the board so that every recount breaks ties the same way.
    extra: dict[str, Any] = {"ties": poll.tie_rule}
    if poll.method == PollMethod.YESNO:
        extra |= {"majority": BOARD_MAJORITY[Majority(poll.majority)], "abstentions_count": False}
    return board_build(
        poll_id=poll.pk,
        title=poll.title,
        method=poll.method,
        seats=poll.seats,
        options=[
            (option_board_id(method=poll.method, label=o.label, position=o.position), o.label)
            for o in options
        ],
        ballots=ballots,
        electorate=poll.electorate_size,
        votes_cast=votes_cast,
        weighted=poll.is_weighted,
        poll_extra=extra,
    )


def board_text(board: Board) -> str:
    """The board as served for download: compact JSON with sorted keys (its hash does not
    depend on the layout; see docs/tally.md)."""
    return json.dumps(board, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def board_count(board: Board) -> dict[str, Any] | None:
    """The result of the board, exactly as `rankfile verify` computes it; None when there is no
    ballot to count."""
    profile = board_profile(board, source="board")
    if not profile.n_rows:
        return None
    return count(profile).to_dict()
