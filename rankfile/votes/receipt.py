"""The receipt page, shown once after a ballot is cast: its tracker and its secret.

The page is the same for every voter of a poll in one language except for those two values, so
it is rendered once per (poll, title, language) with two slots, and each receipt fills the slots.
When 5,000 people vote in the same minute this saves rendering the template 5,000 times. The
slot markers are random per process, so no poll title can contain them; the tracker (hex) and
the secret (base32 with dashes) need no HTML escaping.

The page has no menu, no forms and no messages: one purpose, and nothing in it depends on who
is looking, which is also what lets it be filled in rather than rendered.
"""

from __future__ import annotations

import re
import secrets
from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation

from rankfile.votes.models import Poll
from rankfile.votes.secrecy import secret_shown

_TRACKER_SLOT = f"tracker-{secrets.token_hex(16)}"
_SECRET_SLOT = f"secret-{secrets.token_hex(16)}"
_SAFE = re.compile(r"^[0-9A-Za-z-]+$")


@lru_cache(maxsize=256)
def _page_parts(
    poll_id: int, title: str, language: str, script_prefix: str
) -> tuple[str, str, str]:
    poll = Poll(id=poll_id, title=title)
    page = render_to_string(
        "votes/receipt.html",
        {
            "poll": poll,
            "tracker": _TRACKER_SLOT,
            "secret": _SECRET_SLOT,
            "site_name": settings.SITE_NAME,
        },
    )
    before, rest = page.split(_TRACKER_SLOT)
    between, after = rest.split(_SECRET_SLOT)
    return before, between, after


def receipt_page(*, poll: Poll, tracker: str, secret: str) -> str:
    """The receipt's HTML in the active language."""
    shown = secret_shown(secret)
    if not (_SAFE.match(tracker) and _SAFE.match(shown)):
        raise ValueError("trackers and secrets are letters, digits and dashes")
    before, between, after = _page_parts(
        poll.pk, poll.title, translation.get_language(), get_script_prefix()
    )
    return f"{before}{tracker}{between}{shown}{after}"
