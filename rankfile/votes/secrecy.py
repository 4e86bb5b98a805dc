"""Trackers, replacement secrets and sealed ballots.

* A **tracker** is 128 random bits as 32 lowercase hex digits: what the board publishes.
* A **secret** is another 128 random bits, shown once with the tracker, that lets the voter
  replace their ballot until the close. Only its SHA-256 is stored.
* A ballot is stored **sealed** (its tracker and content encrypted with the field-encryption
  keys, `settings.FIELD_ENCRYPTION_KEYS`, which live outside the database) and is found by a
  keyed digest of its tracker under the ballot key, so that neither a database dump nor the
  published board lets anyone pair a ballot row with the voter who cast it in the same
  transaction. The ballot key is `settings.BALLOT_KEY`, kept outside the database; production
  refuses its development value.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
from typing import Any

from django.conf import settings

from rankfile.core.crypto import decrypt_text, encrypt_text, keyed_digest

_TRACKER = re.compile(r"^[0-9a-f]{32}$")
_SECRET = re.compile(r"^[A-Z2-7]{26}$")


def new_tracker() -> str:
    return secrets.token_hex(16)


def new_secret() -> str:
    """128 random bits in base32 (26 letters and digits), easy to copy by hand."""
    return base64.b32encode(secrets.token_bytes(16)).decode("ascii").rstrip("=")


def secret_shown(secret: str) -> str:
    """The secret in groups of four, as shown to the voter: ABCD-EFGH-..."""
    return "-".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def tracker_clean(text: str) -> str | None:
    """A tracker as typed or pasted (spaces and dashes allowed), or None if it cannot be one."""
    cleaned = re.sub(r"[\s-]", "", text).lower()
    return cleaned if _TRACKER.match(cleaned) else None


def secret_clean(text: str) -> str | None:
    cleaned = re.sub(r"[\s-]", "", text).upper()
    return cleaned if _SECRET.match(cleaned) else None


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def secret_matches(secret: str, digest: str) -> bool:
    return bool(digest) and hmac.compare_digest(secret_digest(secret), digest)


def _ballot_key() -> str:
    return str(settings.BALLOT_KEY)


def tracker_lookup(*, poll_id: int, tracker: str) -> str:
    return keyed_digest("rankfile-ballot", str(poll_id), tracker, key=_ballot_key())


def seal(*, tracker: str, content: Any) -> str:
    return encrypt_text(json.dumps({"t": tracker, "c": content}, separators=(",", ":")))


def unseal(sealed: str) -> tuple[str, Any]:
    """(tracker, content) of a sealed ballot. Raises ValueError if the keys cannot read it."""
    data = json.loads(decrypt_text(sealed))
    return str(data["t"]), data["c"]
