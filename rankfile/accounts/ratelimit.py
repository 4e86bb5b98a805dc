"""Login guesses, limited without letting anyone lock the owner out (OWASP's device cookies).

* A browser that logged in as a handle keeps a signed **device cookie** for that handle. Its
  attempts at that handle are counted against that cookie alone, so nobody else's guesses, however
  many, keep the owner out of their account.
* Attempts without a valid device cookie for the handle share **one count per handle**.
* Each count allows `LOGIN_RATE_LIMIT` failures per `LOGIN_RATE_WINDOW_SECONDS`; after that
  there is no lockout but a **backoff**: each further attempt waits `LOGIN_BACKOFF_SECONDS`,
  doubling with each failure, at most the window.
* An attempt is **counted before the password is checked**, in one database transaction that
  holds the count's row, so concurrent guesses through any number of workers cannot get past
  the limit. A success clears its count.
* Counts are keyed by a hash of the handle or by the device cookie's random id: never by an
  IP address, which is stored nowhere.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from rankfile.accounts.models import LoginThrottle

DEVICE_COOKIE = "rankfile_device"
_DEVICE_SALT = "rankfile.accounts.device"


def _handle_hash(handle: str) -> str:
    return hashlib.sha256(handle.strip().lower().encode()).hexdigest()


@dataclass(frozen=True)
class LoginAttempt:
    """One attempt at a handle: the count it is charged to, and whether it may go ahead."""

    key: str
    wait_seconds: int  # 0: go ahead and check the password

    @property
    def allowed(self) -> bool:
        return self.wait_seconds == 0


def _device_key(request: HttpRequest, handle: str) -> str | None:
    """The count of this browser's device cookie, if it holds a valid one for this handle."""
    value = request.get_signed_cookie(
        DEVICE_COOKIE,
        default=None,
        salt=_DEVICE_SALT,
        max_age=settings.LOGIN_DEVICE_COOKIE_AGE,
    )
    if not value or value.count(":") != 1:
        return None
    handle_hash, device_id = value.split(":")
    if not secrets.compare_digest(handle_hash, _handle_hash(handle)):
        return None
    return "device:" + device_id


def login_attempt_begin(request: HttpRequest, handle: str) -> LoginAttempt:
    key = _device_key(request, handle) or "handle:" + _handle_hash(handle)
    if secrets.randbelow(100) == 0:
        login_throttles_forget()
    return LoginAttempt(key=key, wait_seconds=_reserve(key))


def _backoff(failures: int) -> timedelta:
    """The wait before the next attempt after `failures` failures in the window."""
    over = failures - settings.LOGIN_RATE_LIMIT
    if over < 0:
        return timedelta(0)
    seconds = settings.LOGIN_BACKOFF_SECONDS * 2 ** min(over, 20)
    return timedelta(seconds=min(seconds, settings.LOGIN_RATE_WINDOW_SECONDS))


def _reserve(key: str) -> int:
    """Count one attempt against `key`, or say how many seconds it must wait first."""
    window = timedelta(seconds=settings.LOGIN_RATE_WINDOW_SECONDS)
    with transaction.atomic():
        LoginThrottle.objects.bulk_create(
            [LoginThrottle(key=key, window_started_at=timezone.now())], ignore_conflicts=True
        )
        row = LoginThrottle.objects.select_for_update().get(key=key)
        now = timezone.now()  # after the wait for the row: the attempts before are in it
        if row.window_started_at <= now - window:
            row.failures, row.window_started_at, row.last_attempt_at = 0, now, None
        if row.last_attempt_at is not None:
            ready_at = row.last_attempt_at + _backoff(row.failures)
            if ready_at > now:
                return max(1, int((ready_at - now).total_seconds() + 0.999))
        # Counted as a failure now; a success clears it.
        row.failures += 1
        row.last_attempt_at = now
        row.save(update_fields=["failures", "window_started_at", "last_attempt_at"])
    return 0


def login_attempt_succeeded(attempt: LoginAttempt, handle: str, response: HttpResponse) -> None:
    """Clear the count and give this browser a (new) device cookie for the handle."""
    LoginThrottle.objects.filter(key=attempt.key).delete()
    response.set_signed_cookie(
        DEVICE_COOKIE,
        f"{_handle_hash(handle)}:{secrets.token_urlsafe(16)}",
        salt=_DEVICE_SALT,
        max_age=settings.LOGIN_DEVICE_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def login_throttles_forget() -> int:
    """Counts whose window has passed say nothing any more. Guesses at made-up handles add
    rows, so every hundredth attempt deletes the stale ones: the table stays as small as the
    guessing of the last window."""
    cutoff = timezone.now() - timedelta(seconds=settings.LOGIN_RATE_WINDOW_SECONDS)
    return LoginThrottle.objects.filter(window_started_at__lte=cutoff).delete()[0]
