"""Names of the demo scenario's committees, and where their pages are."""

from __future__ import annotations

from rankfile.committees.models import Committee
from rankfile.demo.federation import ALLIANCE, BASES

_BASE_NAMES = {base.key: base.name for base in BASES}
ALLIANCE_NAME = ALLIANCE[0]
GARAGE_NAME = _BASE_NAMES["garage"]
HOSPITAL_NAME = _BASE_NAMES["hospital"]
NEIGHBOURHOOD_NAME = _BASE_NAMES["neighbourhood"]


def page_of(name: str, suffix: str = "") -> str:
    """The path of a committee's page, or of one under it (suffix "federation/")."""
    return f"/c/{Committee.objects.get(name=name).slug}/{suffix}"
