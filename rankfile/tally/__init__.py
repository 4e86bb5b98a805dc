"""rankfile.tally: the counting engine. Pure Python + numpy, no Django.

    from rankfile.tally import read_profile, count
    result = count(read_profile("ballots.blt"), "stv", seats=4)
    print(result.winners, result.to_json())

Readers return a `Profile`; methods return a `Result` with the full round-by-round record.
Rules, formats and limits: docs/tally.md.
"""

from rankfile.tally.board import (
    BOARD_FORMAT,
    BoardVerification,
    board_build,
    board_canonical_bytes,
    board_hash,
    board_load,
    board_profile,
    board_verify,
)
from rankfile.tally.errors import TallyInputError
from rankfile.tally.methods import (
    METHODS,
    approval,
    count,
    default_method,
    irv,
    meek_prf,
    meek_stv,
    plurality,
    schulze,
    scottish_stv,
    yesno,
)
from rankfile.tally.profile import Ballot, Profile
from rankfile.tally.readers import FORMATS, read_profile
from rankfile.tally.result import Decision, Result, Round, TieBreak
from rankfile.tally.ties import TIE_RULES, read_tie_order

__all__ = [
    "BOARD_FORMAT",
    "FORMATS",
    "METHODS",
    "TIE_RULES",
    "Ballot",
    "BoardVerification",
    "Decision",
    "Profile",
    "Result",
    "Round",
    "TallyInputError",
    "TieBreak",
    "approval",
    "board_build",
    "board_canonical_bytes",
    "board_hash",
    "board_load",
    "board_profile",
    "board_verify",
    "count",
    "default_method",
    "irv",
    "meek_prf",
    "meek_stv",
    "plurality",
    "read_profile",
    "read_tie_order",
    "schulze",
    "scottish_stv",
    "yesno",
]
