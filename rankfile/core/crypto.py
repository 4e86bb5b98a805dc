"""Encryption of personal data at rest, and keyed hashes that cannot be mapped back to a person.

Contact details are encrypted with Fernet (AES-128-CBC with HMAC-SHA256, from the `cryptography`
package). Several keys may be configured: the first encrypts, all decrypt, so keys can be rotated.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@functools.cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def field_cipher() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt_text(plain: str) -> str:
    if plain == "":
        return ""
    return field_cipher().encrypt(plain.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    if token == "":
        return ""
    try:
        return field_cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ValueError("Encrypted field cannot be read with the configured keys") from None


def new_token(nbytes: int = 24) -> str:
    return secrets.token_urlsafe(nbytes)


def token_digest(token: str) -> str:
    """Invitation links are stored as digests so that a database dump gives no working link."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def keyed_digest(*parts: str, key: str) -> str:
    message = "\x1f".join(parts).encode("utf-8")
    return hmac.new(key.encode("utf-8"), message, hashlib.sha256).hexdigest()
