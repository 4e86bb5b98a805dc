from __future__ import annotations

from django.db import models


class NamedLock(models.Model):
    """A row to `select_for_update`, serialising rare changes that span many rows (the
    affiliation graph), on every database backend."""

    name = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.name


def named_lock_acquire(name: str) -> None:
    """Take the lock until the surrounding transaction ends."""
    NamedLock.objects.get_or_create(name=name)
    NamedLock.objects.select_for_update().get(name=name)
