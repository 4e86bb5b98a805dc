from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rankfile.accounts.services import account_create
from rankfile.core.errors import RuleViolation


class Command(BaseCommand):
    help = (
        "Create an account. The operator creates the first one; "
        "after that people join by invitation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("handle")
        parser.add_argument(
            "--operator",
            action="store_true",
            help="May create committees at any level and see operator pages.",
        )
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password again: "):
                raise CommandError("The passwords differ.")
        try:
            person = account_create(
                handle=options["handle"], password=password, is_operator=options["operator"]
            )
        except (RuleViolation, ValidationError) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError(" ".join(messages)) from None
        self.stdout.write(f"Created account {person.handle}.")
