"""Read one e-mail on standard input and post it as a reply, if it is one.

Point the mail server's reply domain here, e.g. in Postfix's ``aliases``:
``tandem-replies: "|/srv/tandem/.venv/bin/python /srv/tandem/manage.py receive_mail"``.
Rejected mail is logged and dropped (exit 0), so forgers get no bounce."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tandem.messaging.replies import receive


class Command(BaseCommand):
    help = "Post an e-mail reply (read from standard input, or --file) into its conversation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", help="read the message from this .eml file instead")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["file"]:
            with open(options["file"], "rb") as handle:
                raw = handle.read()
        else:
            raw = sys.stdin.buffer.read()
        outcome = receive(raw[: 25 * 1024 * 1024])
        stream = self.stdout if outcome.posted else self.stderr
        stream.write(f"{'posted' if outcome.posted else 'rejected'}: {outcome.reason}")
