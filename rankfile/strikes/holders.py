"""The one link between a person and their pledge: an HMAC only the server (with its key) can
compute, and only forwards, from a person it already knows."""

from __future__ import annotations

from django.conf import settings

from rankfile.core.crypto import keyed_digest


def pledge_holder(*, person_id: int, campaign_id: int) -> str:
    return keyed_digest("pledge", str(person_id), str(campaign_id), key=settings.PLEDGE_KEY)
