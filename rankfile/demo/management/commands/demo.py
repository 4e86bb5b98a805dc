from __future__ import annotations

import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from rankfile.demo.people import DEMO_PASSWORD, PERSONAS
from rankfile.demo.scenario import demo_invitation_for_newcomer, demo_is_loaded, demo_load


class Command(BaseCommand):
    help = "Load the demo scenario (if the database has none) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only if no demo is loaded yet (no error otherwise).",
        )
        parser.add_argument("--url", default=f"http://127.0.0.1:{os.environ.get('PORT', '8000')}")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if demo_is_loaded():
            if not options["if_empty"]:
                self.stdout.write("The demo scenario is already loaded.")
        else:
            demo_load()
            self.stdout.write("Loaded the demo scenario.")
        url = options["url"].rstrip("/")
        token = demo_invitation_for_newcomer()
        lines = [
            "",
            f"  rankfile is at {url}/",
            "",
            f"  Demo logins (password for all: {DEMO_PASSWORD}):",
            *[f"    {handle:<10} {what}" for handle, what in PERSONAS.items()],
            "    operator   the operator's account",
            "",
            f"  Invitation link into the hospital committee: {url}/join/{token}/",
            "",
        ]
        self.stdout.write("\n".join(lines))
