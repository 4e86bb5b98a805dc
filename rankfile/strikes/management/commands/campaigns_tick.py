from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rankfile.strikes.tick import campaigns_tick


class Command(BaseCommand):
    help = (
        "Check open strike campaigns: trigger those whose conditions are met, close those whose "
        "deadline passed, end those whose end date passed. Run it every few minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = campaigns_tick()
        summary = ", ".join(f"{status}: {n}" for status, n in sorted(outcome.items()))
        self.stdout.write(f"campaigns checked ({summary or 'none open'})")
