"""k-anonymous figures: outside a committee, a count below k is shown only as "fewer than k"."""

from __future__ import annotations

import dataclasses

from django.utils.formats import number_format
from django.utils.translation import gettext as _


@dataclasses.dataclass(frozen=True)
class ShownCount:
    value: int | None  # None when hidden
    k: int

    @property
    def is_hidden(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        if self.value is None:
            return _("fewer than %(k)d") % {"k": self.k}
        return number_format(self.value, force_grouping=True)

    def as_json(self) -> int | str:
        return f"<{self.k}" if self.value is None else self.value


def shown_count(value: int, k: int) -> ShownCount:
    """Zero is shown as it is: it says nobody, which identifies nobody."""
    if 0 < value < k:
        return ShownCount(None, k)
    return ShownCount(value, k)
