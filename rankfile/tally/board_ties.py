"""A board's tie rule: the poll keys "ties" and "tie_order", read into the profile's metadata.

    "poll": {..., "ties": "order", "tie_order": ["o3", "o1", "o2"]}

`ties` is one of `TIE_RULES` (absent: lookback, the default); `tie_order`, only with "order",
lists every option id once, highest first (absent: the order of `options`). The profile keeps
them as metadata ("ties", and "tie_order" as a JSON list of names), which `count` reads when it
is not told a rule, so `rankfile verify` recounts under the rule the poll was counted by.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rankfile.tally.errors import TallyInputError
from rankfile.tally.ties import TIE_RULES


def board_tie_metadata(
    poll: Mapping[str, Any],
    names: Sequence[str],
    ids: Mapping[str, int],
    fail: Callable[[str], TallyInputError],
) -> dict[str, str]:
    if "ties" not in poll:
        if "tie_order" in poll:
            raise fail('poll.tie_order needs poll.ties "order"')
        return {}
    rule = poll["ties"]
    if rule not in TIE_RULES:
        raise fail(f"poll.ties must be one of {list(TIE_RULES)}, got {rule!r}")
    metadata = {"ties": rule}
    if "tie_order" in poll:
        order = poll["tie_order"]
        if rule != "order":
            raise fail('poll.tie_order needs poll.ties "order"')
        listed = isinstance(order, list) and all(isinstance(i, str) for i in order)
        if not listed or sorted(order) != sorted(ids):
            raise fail("poll.tie_order must list every option id once")
        metadata["tie_order"] = json.dumps([names[ids[i]] for i in order], ensure_ascii=False)
    return metadata
