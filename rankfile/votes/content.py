"""What a ballot contains, in the board's own format (docs/tally.md), and how it is checked.

Option ids on the board are "o<position>" ("o1", "o2", ...); a yes/no poll uses "yes", "no"
and "abstain". Content by method:

* ranked (irv, stv, schulze): a list of option ids, best first, each once, at least one;
* approval: a list of approved option ids, each once, at least one;
* plurality: one option id;
* yesno: "yes", "no" or "abstain".

Blank ballots are not offered: a ballot chooses something (a yes/no ballot may abstain).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rankfile.core.errors import RuleViolation
from rankfile.votes.models import RANKED_METHODS, PollMethod, PollOption

YESNO_LABELS = ("yes", "no", "abstain")
YESNO_SHOWN = {
    "yes": gettext_lazy("Yes"),
    "no": gettext_lazy("No"),
    "abstain": gettext_lazy("Abstain"),
}


def option_board_id(*, method: str, label: str, position: int) -> str:
    return label if method == PollMethod.YESNO else f"o{position}"


def option_shown(*, method: str, label: str) -> str:
    """An option as people read it (yes/no/abstain translated)."""
    return str(YESNO_SHOWN[label]) if method == PollMethod.YESNO else label


def option_ids(*, method: str, options: Iterable[PollOption]) -> list[str]:
    return [
        option_board_id(method=method, label=option.label, position=option.position)
        for option in options
    ]


def ballot_content_check(*, method: str, option_ids: Sequence[str], content: Any) -> Any:
    """The content if it is a valid ballot for the poll, else RuleViolation."""
    known = set(option_ids)
    if method == PollMethod.YESNO or method == PollMethod.PLURALITY:
        if not isinstance(content, str) or content not in known:
            raise RuleViolation(_("Choose one of the options."))
        return content
    if not isinstance(content, list) or not content:
        if method in RANKED_METHODS:
            raise RuleViolation(_("Rank at least one option."))
        raise RuleViolation(_("Mark at least one option."))
    if any(not isinstance(item, str) or item not in known for item in content):
        raise RuleViolation(_("The ballot names an option that is not on it."))
    if len(set(content)) != len(content):
        raise RuleViolation(_("Each option may appear only once on a ballot."))
    return list(content)


def ballot_content_submitted(*, method: str, data: Any, count: int) -> Any:
    """The content a submitted ballot form carries, read straight from the POST data (a
    QueryDict) by the field names `forms.BallotForm` uses, **not yet checked**: pass it to
    `ballot_content_check`. Whatever the two accept together, `BallotForm` accepts with the same
    content (tests/votes/test_content.py checks this); `votes.intake` uses it to skip building
    a form for every one of thousands of ballots."""
    if method == PollMethod.YESNO or method == PollMethod.PLURALITY:
        return data.get("choice")
    if method == PollMethod.APPROVAL:
        return data.getlist("approved")
    ranking = [data.get(f"rank_{n}") for n in range(1, count + 1)]
    return [item for item in ranking if item]


def content_shown(*, method: str, content: Any, labels: dict[str, str]) -> list[str]:
    """A ballot's content as a list of option names, best first (for a single choice: one)."""
    if content is None:
        return []
    items = content if isinstance(content, list) else [content]
    shown = []
    for item in items:
        group = item if isinstance(item, list) else [item]
        shown.append(" = ".join(labels.get(str(member), str(member)) for member in group))
    return shown
