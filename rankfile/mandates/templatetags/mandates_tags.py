"""The small parts other pages include: the committee home's "coming up above" and "how our
delegates voted", and the mandate beside a delegate's ballot."""

from __future__ import annotations

from typing import Any

from django import template

from rankfile.committees.models import Committee
from rankfile.mandates import selectors
from rankfile.mandates.models import MandatePosition
from rankfile.votes.content import YESNO_SHOWN
from rankfile.votes.models import Poll

register = template.Library()

SHOWN_ON_HOME = 3


@register.inclusion_tag("mandates/_home.html")
def mandates_on_home(committee: Committee) -> dict[str, Any]:
    entries = selectors.coming_up(committee=committee)
    votes = selectors.delegate_votes(committee=committee, limit=SHOWN_ON_HOME)
    return {
        "committee": committee,
        "entries": entries[:SHOWN_ON_HOME],
        "more": max(len(entries) - SHOWN_ON_HOME, 0),
        "votes": votes,
    }


@register.inclusion_tag("mandates/_beside_ballot.html")
def mandates_beside_ballot(poll: Poll, person_id: int) -> dict[str, Any]:
    return {"mandates": selectors.mandates_for_voter(poll=poll, person_id=person_id)}


@register.filter
def mandate_shown(value: str) -> str:
    """{{ "no"|mandate_shown }}: a mandate's position in the reader's language, as in
    "mandate was yes" (a free vote: "free vote")."""
    if value in YESNO_SHOWN:
        return str(YESNO_SHOWN[value]).lower()
    return str(dict(MandatePosition.choices).get(value, value))


@register.filter
def yesno_vote(value: str) -> str:
    """{{ "no"|yesno_vote }}: a yes / no / abstain vote in the reader's language."""
    return str(YESNO_SHOWN.get(value, value)).lower()
