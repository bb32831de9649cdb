"""Full-text search that respects visibility everywhere.

The database ranks candidates (PostgreSQL ``to_tsquery`` with ``ts_rank``;
SQLite FTS5 with ``bm25``; English stemming on both), after a coarse filter to the spaces the
person reads; then each kind's own visibility check (the one its lists use)
keeps only what they may read. At most ``CANDIDATES`` best matches are
considered, ranked among the newest ``RECENT`` matches, so a query costs the
same however large the community."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tandem.community.access import readable_space_ids

from .index import config
from .models import SearchEntry
from .registry import searchable

CANDIDATES = 400
RECENT = 2000
PER_PAGE = 20
WORD = re.compile(r"\w+", re.UNICODE)
WHEN = {"month": 31, "year": 366}


@dataclass
class Hit:
    entry: SearchEntry
    label: str
    snippet: SafeString


@dataclass
class Results:
    hits: list[Hit]
    total: int
    page: int
    pages: int
    capped: bool


def terms_of(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text or "")][:12]


def _prefiltered(
    viewer: Any, *, kind: str = "", space_id: int | None = None, when: str = ""
) -> QuerySet[SearchEntry]:
    qs = SearchEntry.objects.filter(
        Q(space_id__isnull=True) | Q(space_id__in=readable_space_ids(viewer))
    )
    if kind:
        qs = qs.filter(kind=kind)
    if space_id is not None:
        qs = qs.filter(space_id=space_id)
    if when in WHEN:
        qs = qs.filter(created_at__gte=timezone.now() - timedelta(days=WHEN[when]))
    return qs


def _candidates(terms: list[str], base: QuerySet[SearchEntry]) -> list[int]:
    """The best ``CANDIDATES`` entry ids, best first. Every word must match; the
    last may be the start of a word (as one types). Only the newest ``RECENT``
    matches are ranked, so a word found in half a million posts costs no more
    than a rare one."""
    if connection.vendor == "postgresql":
        raw = " & ".join([*terms[:-1], f"{terms[-1]}:*"])  # words only: no operators
        tsquery = SearchQuery(raw, search_type="raw", config=config())
        newest = base.filter(vector=tsquery).order_by("-pk").values("pk")[:RECENT]
        return list(
            SearchEntry.objects.filter(pk__in=newest)
            .annotate(rank=SearchRank(F("vector"), tsquery))
            .order_by("-rank", "-pk")
            .values_list("pk", flat=True)[:CANDIDATES]
        )
    match = " ".join(f'"{t}"' for t in terms[:-1]) + f' "{terms[-1]}"*'
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, bm25(search_fts, 4.0, 1.0) FROM search_fts WHERE search_fts MATCH %s "
            "ORDER BY rowid DESC LIMIT %s",
            [match.strip(), RECENT],
        )
        scored = cursor.fetchall()
    allowed = set(base.filter(pk__in=[pk for pk, _score in scored]).values_list("pk", flat=True))
    # bm25: lower is better; a stable sort keeps the newest first among equals
    ranked = sorted(scored, key=lambda row: row[1])
    return [pk for pk, _score in ranked if pk in allowed][:CANDIDATES]


def _readable(viewer: Any, entries: list[SearchEntry]) -> list[SearchEntry]:
    by_kind: dict[str, list[int]] = {}
    for entry in entries:
        by_kind.setdefault(entry.kind, []).append(entry.object_id)
    allowed: set[tuple[str, int]] = set()
    for key, ids in by_kind.items():
        spec = searchable(key)
        if spec is not None:
            allowed |= {(key, pk) for pk in spec.visible(viewer, ids)}
    return [e for e in entries if (e.kind, e.object_id) in allowed]


def snippet(text: str, terms: list[str], width: int = 220) -> SafeString:
    """An escaped excerpt around the first match, the matches in <mark>."""
    if not terms:
        return mark_safe(escape(text[:width]))  # noqa: S308 - escaped
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
    found = pattern.search(text)
    start = max((found.start() if found else 0) - width // 3, 0)
    piece = text[start : start + width]
    html = pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escape(piece))
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 - escaped, then only <mark> added


def search(
    viewer: Any,
    query: str,
    *,
    kind: str = "",
    space_id: int | None = None,
    when: str = "",
    page: int = 1,
) -> Results:
    terms = terms_of(query)
    if not terms or not getattr(viewer, "is_authenticated", False):
        return Results([], 0, 1, 0, False)
    base = _prefiltered(viewer, kind=kind, space_id=space_id, when=when)
    ids = _candidates(terms, base)
    entries = {e.pk: e for e in SearchEntry.objects.filter(pk__in=ids).only("kind", "object_id")}
    ranked = _readable(viewer, [entries[pk] for pk in ids if pk in entries])
    pages = max((len(ranked) + PER_PAGE - 1) // PER_PAGE, 1)
    page = min(max(page, 1), pages)
    shown_ids = [e.pk for e in ranked[(page - 1) * PER_PAGE : page * PER_PAGE]]
    full = SearchEntry.objects.filter(pk__in=shown_ids).defer("vector").select_related("author")
    by_pk = {e.pk: e for e in full}
    shown = [by_pk[pk] for pk in shown_ids if pk in by_pk]
    hits = [
        Hit(e, str(spec.label) if (spec := searchable(e.kind)) else e.kind,
            snippet(e.body, terms))
        for e in shown
    ]  # fmt: skip
    return Results(hits, len(ranked), page, pages, len(ids) >= CANDIDATES)
