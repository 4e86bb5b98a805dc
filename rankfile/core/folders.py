"""The folders rankfile writes in, created by the commands that need them (`migrate`, and so
`serve`, `demo` and the test database; `serve` also when it skips migrating), never as a side
effect of loading the settings."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def data_folders_create() -> None:
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Whitenoise warns at start-up when the static root is missing.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
