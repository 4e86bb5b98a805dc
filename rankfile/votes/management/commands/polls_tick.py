from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rankfile.votes.tick import polls_tick


class Command(BaseCommand):
    help = (
        "Close the polls whose closing time has passed (publishing their boards) and tell "
        "electors who have not voted when a poll closes within the hour. Run it every minute."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = polls_tick()
        self.stdout.write(
            "polls: {closed} closed, {refused} refused, {warned} warned".format(**outcome)
        )
        if outcome["refused"]:
            self.stderr.write("some boards were refused: see the committees' logs")
