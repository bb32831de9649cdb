"""One row per searchable thing (a forum post, a blog post…), kept by the app
that owns it through :mod:`tandem.search.index`. The full-text index over it
is PostgreSQL's tsvector (``vector``, GIN-indexed) or an SQLite FTS5 table
(``search_fts``, kept in step by triggers); see migration 0002."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    #: the space it lives in, if any (a coarse filter before the exact check)
    space_id = models.PositiveBigIntegerField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200, blank=True)
    #: what a hit shows as its heading (a reply shows its topic's title)
    heading = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=400)
    created_at = models.DateTimeField()
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_entry_per_object")
        ]
        indexes = [models.Index(fields=["space_id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
