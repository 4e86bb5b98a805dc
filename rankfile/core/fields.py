from __future__ import annotations

from typing import Any

from django.db import models

from rankfile.core.crypto import decrypt_text, encrypt_text


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; the plain value exists only in memory."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str:
        return decrypt_text(value or "")

    def get_prep_value(self, value: Any) -> str:
        return encrypt_text("" if value is None else str(value))
