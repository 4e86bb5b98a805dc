"""Small includes other apps' pages show: a committee's open recall petitions (its home), and
the holder's answer on a recall vote's page. Templates only: no app imports this one."""

from __future__ import annotations

from typing import Any

from django import template

from rankfile.committees.models import Committee
from rankfile.recalls.lifecycle import recall_signatures_needed
from rankfile.recalls.models import RecallPetition
from rankfile.recalls.selectors import recall_petitions_collecting
from rankfile.recalls.titles import recall_target_label

register = template.Library()


@register.inclusion_tag("recalls/_open_petitions.html")
def recall_petitions_open(committee: Committee) -> dict[str, Any]:
    petitions = list(recall_petitions_collecting(committee=committee))
    return {
        "committee": committee,
        "petitions": [(p, recall_target_label(p)) for p in petitions],
        "needed": recall_signatures_needed(committee=committee) if petitions else 0,
    }


@register.inclusion_tag("recalls/_poll_statement.html")
def recall_statement(poll: Any) -> dict[str, Any]:
    petition = (
        RecallPetition.objects.select_related("holder", "committee").filter(poll_id=poll.pk).first()
        if poll.kind == "recall"
        else None
    )
    return {"petition": petition}
