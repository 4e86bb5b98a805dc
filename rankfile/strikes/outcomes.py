"""Starting and endorsing a campaign are decisions of a committee's members (of its delegates,
in a coordinating committee), never one officer's: an officer proposes a motion of kind
"campaign_start" (the prepared terms in its `effect`) or "endorse" (the campaign's id), and on
adoption these handlers apply it ("motion.campaign_start" and "endorse.campaign" decisions,
rankfile.core.decisions). Terms are checked when proposed and again here."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee
from rankfile.core.decisions import Decision
from rankfile.strikes.models import Campaign
from rankfile.strikes.services import campaign_endorse, campaign_start


def campaign_terms_effect(*, terms: dict[str, Any], proposer: Person) -> dict[str, Any]:
    """The terms of a campaign as a motion's effect (JSON: dates as ISO strings)."""

    def stored(value: Any) -> Any:
        return value.isoformat() if isinstance(value, date | datetime) else value

    return {
        **{name: stored(value) for name, value in terms.items()},
        "proposer_id": proposer.pk,
    }


def campaign_terms_of(effect: dict[str, Any]) -> dict[str, Any]:
    def day(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None

    deadline = effect.get("deadline_at")
    return {
        "title": effect["title"],
        "demands": list(effect["demands"]),
        "starts_on": date.fromisoformat(effect["starts_on"]),
        "ends_on": day(effect.get("ends_on")),
        "threshold_percent": effect.get("threshold_percent"),
        "threshold_workplaces": effect.get("threshold_workplaces"),
        "deadline_at": datetime.fromisoformat(deadline) if deadline else None,
    }


def campaign_terms_text(terms: dict[str, Any]) -> str:
    """The motion's text: what the members are asked to start, in words."""
    lines = [
        _("The committee starts the campaign “%(title)s”, from %(starts)s.")
        % {"title": terms["title"], "starts": terms["starts_on"].isoformat()},
        _("Demands:"),
        *(f"- {demand}" for demand in terms["demands"]),
    ]
    if terms.get("deadline_at") is not None:
        lines.append(
            _(
                "The action is on when at least %(percent)d%% of the workforce of at least "
                "%(workplaces)d workplaces have pledged, by %(deadline)s."
            )
            % {
                "percent": terms["threshold_percent"],
                "workplaces": terms["threshold_workplaces"],
                "deadline": terms["deadline_at"].date().isoformat(),
            }
        )
    else:
        lines.append(_("The action is called at once, without conditions."))
    return "\n".join(lines)


def campaign_start_decided(decision: Decision) -> None:
    committee = Committee.objects.get(pk=decision.committee_id)
    proposer_id = decision.data.get("proposer_id")
    proposer = Person.objects.filter(pk=proposer_id).first() if proposer_id else None
    campaign_start(committee=committee, by=proposer, **campaign_terms_of(dict(decision.data)))


def campaign_endorse_decided(decision: Decision) -> None:
    campaign = Campaign.objects.get(pk=decision.data["campaign_id"])
    committee = Committee.objects.get(pk=decision.committee_id)
    campaign_endorse(campaign=campaign, committee=committee, by=decision.by)
