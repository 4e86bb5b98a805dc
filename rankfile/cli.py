"""The `rankfile` command.

rankfile serve [--host H] [--port P] [--workers N]   migrate and serve (ASGI, no access log)
rankfile demo [--if-empty] [--url URL]               load the demo scenario, print the logins
rankfile tally FILE ... / rankfile verify BOARD.json count ballots (no Django needed)
rankfile export FILE --to blt|csv                    a ballot file for other counting programs
rankfile <django management command> ...             e.g. migrate, createaccount
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in {"tally", "verify", "export"}:
        from rankfile.tally.cli import main as tally_main

        return tally_main(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rankfile.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["rankfile", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
