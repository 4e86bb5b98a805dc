from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from rankfile.core.folders import data_folders_create


class Command(BaseCommand):
    help = "Apply migrations and serve rankfile over ASGI (no access log: no IP is ever logged)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "1"))
        )
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        import uvicorn

        data_folders_create()
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        if settings.IS_PRODUCTION:
            call_command("collectstatic", interactive=False, verbosity=0)
        uvicorn.run(
            "rankfile.asgi:application",
            host=options["host"],
            port=options["port"],
            workers=options["workers"],
            access_log=False,
            proxy_headers=False,
            server_header=False,
            log_level="warning",
            lifespan="off",
        )
