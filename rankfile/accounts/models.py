from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rankfile.core.fields import EncryptedTextField

handle_validator = RegexValidator(
    r"^[A-Za-z0-9_.-]{3,32}$",
    _("3 to 32 characters: letters, digits, dot, dash or underscore."),
)


_LOOKALIKE_LETTERS = str.maketrans({"0": "o", "1": "l", "i": "l", "-": ".", "_": "."})
_LOOKALIKE_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"))


def handle_skeleton(handle: str) -> str:
    """What a handle looks like, whatever the case and the look-alike characters: "AnaM",
    "anam", "ana-rn" and "ana_m" have the same skeleton as "ana.m". Two people cannot hold
    handles that look the same (handles are ASCII only, so this is the whole of it)."""
    skeleton = handle.strip().lower()
    for pair, single in _LOOKALIKE_PAIRS:
        skeleton = skeleton.replace(pair, single)
    return skeleton.translate(_LOOKALIKE_LETTERS)


class PersonManager(BaseUserManager["Person"]):
    def get_by_natural_key(self, username: str | None) -> Person:
        return self.get(handle__iexact=username)


class Person(AbstractBaseUser):
    """An account, under a pseudonym. Contact details are optional and encrypted at rest."""

    handle = models.CharField(
        _("handle"), max_length=32, unique=True, validators=[handle_validator]
    )
    # handle_skeleton(handle), unique: no handle can pass for another. Null only for an account
    # whose handle looked like an earlier one before this rule (kept, never reissued).
    handle_skeleton = models.CharField(max_length=32, unique=True, null=True, editable=False)
    email = EncryptedTextField(_("email"), blank=True, default="")
    real_name = EncryptedTextField(_("real name"), blank=True, default="")
    phone = EncryptedTextField(_("phone"), blank=True, default="")
    language = models.CharField(_("language"), max_length=8, blank=True, default="")
    # Kinds of notification (rankfile.core.notify.NotificationKind) this person turned off.
    notifications_off = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(default=True)
    is_operator = models.BooleanField(default=False)
    joined_at = models.DateTimeField(default=timezone.now)

    objects: ClassVar[PersonManager] = PersonManager()

    USERNAME_FIELD = "handle"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints = [models.UniqueConstraint(Lower("handle"), name="person_handle_unique_ci")]

    def __str__(self) -> str:
        return self.handle

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding and self.handle_skeleton is None:
            self.handle_skeleton = handle_skeleton(self.handle)
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[Any, ...]:
        return (self.handle,)

    @property
    def has_contact_details(self) -> bool:
        return bool(self.email or self.real_name or self.phone)


class PersonSession(AbstractBaseSession):
    """A login session (Django's database session) with the person it belongs to in a column of
    its own, so that one person's sessions can be found and ended: all but the current one when
    the password changes, all of them when the account is deleted (the cascade). The ballot
    intake also finds the voter with the session in the same query as the poll
    (`rankfile.votes.intake`). The column mirrors the session's own user id and is kept in step
    by `rankfile.accounts.sessions.SessionStore` on every save."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    @classmethod
    def get_session_store_class(cls) -> type[SessionBase]:
        from rankfile.accounts.sessions import SessionStore

        return SessionStore


class LoginThrottle(models.Model):
    """Failed logins in the current window for one handle (attempts without a device cookie)
    or one device cookie: rankfile.accounts.ratelimit. The key is a hash or a random id."""

    key = models.CharField(max_length=80, primary_key=True)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    last_attempt_at = models.DateTimeField(null=True, blank=True)
