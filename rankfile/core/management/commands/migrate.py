from __future__ import annotations

from typing import Any

from django.core.management.commands.migrate import Command as MigrateCommand

from rankfile.core.folders import data_folders_create


class Command(MigrateCommand):
    """Django's `migrate`, once the folders exist: a fresh SQLite database needs its folder
    before the checks that run ahead of `handle` first connect to it."""

    def execute(self, *args: Any, **options: Any) -> str | None:
        data_folders_create()
        return super().execute(*args, **options)
