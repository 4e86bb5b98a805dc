"""State changes of campaigns, pledges and strike reports. Each is one transaction, with the
campaign row locked, that writes its audit event (never one for a pledge) in the same transaction
and sends its notifications on commit."""

from rankfile.strikes.services.campaigns import (
    campaign_endorse,
    campaign_endorse_refusal,
    campaign_evaluate,
    campaign_start,
    campaign_terms_refusal,
)
from rankfile.strikes.services.pledges import pledge_make, pledge_withdraw
from rankfile.strikes.services.reports import strike_report

__all__ = [
    "campaign_endorse",
    "campaign_endorse_refusal",
    "campaign_evaluate",
    "campaign_start",
    "campaign_terms_refusal",
    "pledge_make",
    "pledge_withdraw",
    "strike_report",
]
