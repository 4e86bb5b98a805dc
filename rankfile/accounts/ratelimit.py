"""Failed-login limit per handle, in the cache. Keyed by handle, never by IP address: no IP is
stored anywhere. A race here costs at most one extra attempt, which is acceptable."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(handle: str) -> str:
    return "login-failures:" + hashlib.sha256(handle.strip().lower().encode()).hexdigest()


def login_is_blocked(handle: str) -> bool:
    return int(cache.get(_key(handle), 0)) >= settings.LOGIN_RATE_LIMIT


def login_failed(handle: str) -> None:
    key = _key(handle)
    if cache.add(key, 1, timeout=settings.LOGIN_RATE_WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=settings.LOGIN_RATE_WINDOW_SECONDS)


def login_succeeded(handle: str) -> None:
    cache.delete(_key(handle))
