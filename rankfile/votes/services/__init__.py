"""State changes of polls. Each is one transaction; see the modules for the rules."""

from rankfile.votes.services.ballots import Receipt, ballot_cast, ballot_replace
from rankfile.votes.services.creation import (
    poll_create_election,
    poll_create_motion,
    poll_create_question,
    poll_create_recall,
)
from rankfile.votes.services.nominations import (
    nomination_accept,
    nomination_create,
    nomination_withdraw,
)
from rankfile.votes.services.polls import (
    BoardRefused,
    poll_close,
    poll_closing_notify,
    poll_open,
)

__all__ = [
    "BoardRefused",
    "Receipt",
    "ballot_cast",
    "ballot_replace",
    "nomination_accept",
    "nomination_create",
    "nomination_withdraw",
    "poll_close",
    "poll_closing_notify",
    "poll_create_election",
    "poll_create_motion",
    "poll_create_question",
    "poll_create_recall",
    "poll_open",
]
