"""Rebuild the search index from what every app holds (after an upgrade, or
if the index was lost)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tandem.search.index import entry_put
from tandem.search.models import SearchEntry
from tandem.search.registry import all_searchable


class Command(BaseCommand):
    help = "Rebuild the full-text search index."

    def handle(self, *args: Any, **options: Any) -> None:
        SearchEntry.objects.all().delete()
        for kind in all_searchable():
            count = 0
            for obj in kind.everything():
                entry_put(**kind.describe(obj))
                count += 1
            self.stdout.write(f"{kind.key}: {count}")
