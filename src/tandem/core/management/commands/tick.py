"""Run every periodic job once (reminders, digests). Schedule it every 5 minutes."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from tandem.core import periodic


class Command(BaseCommand):
    help = "Run Tandem's periodic jobs once (safe to run often and in parallel)."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        for name, job in periodic.jobs().items():
            done = job(now)
            if options["verbosity"] > 1 or done:
                self.stdout.write(f"{name}: {done}")
        if connection.vendor == "sqlite":
            # SQLite's advice: refresh the planner's statistics now and then (cheap when
            # nothing changed), so queries over a growing community keep good plans.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA optimize")
