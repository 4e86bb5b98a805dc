from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rankfile.recalls.tick import recalls_tick


class Command(BaseCommand):
    help = (
        "Lapse recall petitions past their period, tell committees of delegate terms ending "
        "within 14 days (preparing a by-election) and end seats past their term."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = recalls_tick()
        self.stdout.write(
            "recalls: {lapsed} lapsed; terms: {noticed} noticed, {ended} ended".format(**outcome)
        )
