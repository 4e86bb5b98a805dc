"""Bylaws: each committee stores only what it overrides; the rest is inherited.

Inheritance follows the affiliation DAG: the nearest ancestor that sets a value wins; between
ancestors at the same depth, the one affiliated first (lowest committee id) wins. Where no
ancestor sets a value, the platform default below applies.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.utils.translation import gettext_lazy as _

from rankfile.committees.models import Committee, CommitteeClosure

ELECTION_METHODS = {
    "plurality": _("Plurality"),
    "approval": _("Approval"),
    "irv": _("Instant runoff"),
    "stv": _("Single transferable vote (Scottish rules)"),
    "schulze": _("Schulze"),
}
DELEGATE_WEIGHTS = {
    "one_per_delegate": _("One vote per delegate"),
    "members_represented": _("Weighted by members represented"),
}
# The tie rules of rankfile.tally (docs/tally.md, "Ties"); "order" is the ballot's order.
TIE_RULE_CHOICES = {
    "lookback": _("Earlier counts, then a seeded lot"),
    "order": _("The order of the candidates on the ballot"),
    "lot": _("A seeded lot"),
}


@dataclasses.dataclass(frozen=True)
class Bylaws:
    notice_regular_hours: int = 72
    notice_emergency_hours: int = 2
    quorum_percent: int = 25
    quorum_minimum: int = 3
    emergency_petition_percent: int = 20
    recall_petition_percent: int = 25
    vouches_needed: int = 1
    election_method: str = "stv"
    seats_per_delegation: int = 2
    delegate_weight: str = "one_per_delegate"
    k_anonymity: int = 5
    in_meeting_polls_need_check_in: bool = True
    recall_voting_hours: int = 48
    recall_cooldown_days: int = 30
    recall_petition_days: int = 14
    async_turnout_percent: int = 50
    async_voting_hours: int = 24
    vote_notice_hours: int = 24
    delegate_term_months: int = 6
    delegates_vote_by_roll_call: bool = True
    delegates_may_vote_in_secret: bool = False
    tie_rule: str = "lookback"


BYLAW_NAMES = tuple(field.name for field in dataclasses.fields(Bylaws))

BYLAW_LABELS = {
    "notice_regular_hours": _("Notice for a regular meeting (hours)"),
    "notice_emergency_hours": _("Notice for an emergency meeting (hours)"),
    "quorum_percent": _("Quorum (% of active members)"),
    "quorum_minimum": _("Quorum, at least (members)"),
    "emergency_petition_percent": _(
        "Share of members whose petition forces an emergency meeting (%)"
    ),
    "recall_petition_percent": _("Share of members whose petition forces a recall vote (%)"),
    "vouches_needed": _("Vouches needed to join"),
    "election_method": _("Default election method"),
    "seats_per_delegation": _("Seats per delegation"),
    "delegate_weight": _("Delegate vote weight"),
    "k_anonymity": _("Smallest figure shown outside the committee (k)"),
    "in_meeting_polls_need_check_in": _("Only members checked in vote in meeting polls"),
    "recall_voting_hours": _("Recall vote: shortest voting period (hours)"),
    "recall_cooldown_days": _("After a recall fails, no new petition against the holder (days)"),
    "recall_petition_days": _("A recall petition lapses after (days)"),
    "async_turnout_percent": _("Votes outside a meeting: smallest turnout (% of electorate)"),
    "async_voting_hours": _("Votes outside a meeting: shortest voting period (hours)"),
    "vote_notice_hours": _("Notice before a vote outside a meeting opens (hours)"),
    "delegate_term_months": _("Delegate term (months)"),
    "delegates_vote_by_roll_call": _("Delegates' votes here are by roll call"),
    "delegates_may_vote_in_secret": _("A vote of the delegates here may be secret"),
    "tie_rule": _("How a tie in a count is broken"),
}


def bylaw_value_shown(value: Any) -> str:
    """A bylaw's value as people read it, in their language."""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, str):
        named = ELECTION_METHODS.get(value) or DELEGATE_WEIGHTS.get(value)
        return str(named or TIE_RULE_CHOICES.get(value) or value)
    return str(value)


def bylaws_effective(*, committee: Committee) -> Bylaws:
    values = bylaws_inherited_values(committee=committee)
    values.update(_known(committee.bylaws_overrides))
    return Bylaws(**values)


def bylaws_inherited_values(*, committee: Committee) -> dict[str, Any]:
    """What the committee would have if it set nothing itself."""
    ancestor_ids = list(
        CommitteeClosure.objects.filter(descendant_id=committee.pk, depth__gt=0)
        .order_by("-depth", "-ancestor_id")
        .values_list("ancestor_id", flat=True)
    )
    overrides_by_id = dict(
        Committee.objects.filter(pk__in=ancestor_ids).values_list("pk", "bylaws_overrides")
    )
    values: dict[str, Any] = dataclasses.asdict(Bylaws())
    for ancestor_id in ancestor_ids:
        values.update(_known(overrides_by_id.get(ancestor_id) or {}))
    return values


def _known(overrides: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in overrides.items() if name in BYLAW_NAMES}
