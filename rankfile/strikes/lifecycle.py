"""The campaign lifecycle in one place: what may happen in which state, and why not yet.

    collecting --(conditions met before the deadline)--> triggered --(end date passed)--> ended
    collecting --(deadline passed, conditions not met)--> not_reached
    (a campaign without conditions is triggered from the start)

Pledges are made and withdrawn only while collecting, before the deadline. Strike reports are
accepted while the action is under way: triggered, from the start date to the end date.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from rankfile.strikes.models import Campaign, CampaignStatus


class Action(enum.Enum):
    PLEDGE = "pledge"
    WITHDRAW = "withdraw"
    REPORT = "report"
    ENDORSE = "endorse"


def _day(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _moment(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def campaign_is_under_way(campaign: Campaign, *, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        campaign.status == CampaignStatus.TRIGGERED
        and campaign.starts_on <= today
        and (campaign.ends_on is None or today <= campaign.ends_on)
    )


def campaign_deadline_passed(campaign: Campaign, *, now: datetime | None = None) -> bool:
    return campaign.deadline_at is not None and (now or timezone.now()) >= campaign.deadline_at


def campaign_refusal(
    campaign: Campaign, *, action: Action, now: datetime | None = None
) -> str | None:
    """Why `action` is not allowed on the campaign now, or None when it is."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    status = campaign.status
    if status == CampaignStatus.NOT_REACHED:
        return _("The conditions were not met by the deadline: every pledge was released.")
    if status == CampaignStatus.ENDED:
        return _("The campaign has ended.")
    if action in (Action.PLEDGE, Action.WITHDRAW):
        if not campaign.has_conditions:
            return _("This action was called without conditions: there is nothing to pledge.")
        if status == CampaignStatus.TRIGGERED:
            assert campaign.triggered_at is not None
            if action == Action.WITHDRAW:
                return _(
                    "The conditions were met on %(when)s: a pledge cannot be withdrawn after "
                    "the trigger."
                ) % {"when": _moment(campaign.triggered_at)}
            return _("The conditions were met on %(when)s: pledges are closed.") % {
                "when": _moment(campaign.triggered_at)
            }
        if campaign_deadline_passed(campaign, now=now):
            assert campaign.deadline_at is not None
            return _("The deadline passed on %(when)s.") % {"when": _moment(campaign.deadline_at)}
        return None
    if action == Action.REPORT:
        if status == CampaignStatus.COLLECTING:
            return _("Strike reports open once the conditions are met and the action has started.")
        if today < campaign.starts_on:
            return _("Strike reports open when the action starts on %(day)s.") % {
                "day": _day(campaign.starts_on)
            }
        if campaign.ends_on is not None and today > campaign.ends_on:
            return _("The action ended on %(day)s.") % {"day": _day(campaign.ends_on)}
        return None
    return None  # Endorsing is open while collecting or triggered.


def campaign_trigger_refusal(campaign: Campaign, *, workplaces_ready: int) -> str | None:
    """Why the campaign has not triggered (yet), given the workplaces meeting the threshold."""
    if not campaign.has_conditions or campaign.status != CampaignStatus.COLLECTING:
        return None
    assert campaign.threshold_workplaces is not None
    if workplaces_ready >= campaign.threshold_workplaces:
        return None
    return _(
        "Conditions not met yet: %(ready)d of the %(needed)d workplaces needed have at least "
        "%(percent)d%% of their workforce pledged."
    ) % {
        "ready": workplaces_ready,
        "needed": campaign.threshold_workplaces,
        "percent": campaign.threshold_percent,
    }
