"""Check-in codes: six characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z,
5/S, 8/B, 6/G), shown in the room as text and as a QR code drawn on the server (inline SVG: no
request leaves this host). Wrong guesses are limited per person and meeting, in the cache."""

from __future__ import annotations

import secrets

import segno
from django.core.cache import cache

ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
LENGTH = 6
WRONG_CODE_LIMIT = 10
WRONG_CODE_WINDOW_SECONDS = 15 * 60


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(typed: str) -> str:
    """What a person typed, as it is stored: upper case, without spaces or dashes."""
    return "".join(typed.split()).replace("-", "").upper()


def qr_svg(text: str, *, title: str) -> str:
    """An inline SVG of the QR code for `text` (attributes only, no style: the CSP forbids it)."""
    code = segno.make(text, error="m")
    return str(
        code.svg_inline(
            scale=4, svgclass="qr", lineclass=None, title=title, omitsize=True, light="#fff"
        )
    )


def _key(meeting_id: int, person_id: int) -> str:
    return f"check-in-failures:{meeting_id}:{person_id}"


def wrong_code_is_blocked(*, meeting_id: int, person_id: int) -> bool:
    return int(cache.get(_key(meeting_id, person_id), 0)) >= WRONG_CODE_LIMIT


def wrong_code_entered(*, meeting_id: int, person_id: int) -> None:
    key = _key(meeting_id, person_id)
    if cache.add(key, 1, timeout=WRONG_CODE_WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=WRONG_CODE_WINDOW_SECONDS)
