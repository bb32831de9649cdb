"""Assertions shared by the test suite."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def queries_at_most(limit: int) -> Iterator[CaptureQueriesContext]:
    """Fail when the block runs more than ``limit`` SQL queries (N+1 guard)."""
    with CaptureQueriesContext(connection) as ctx:
        yield ctx
    executed = len(ctx.captured_queries)
    if executed > limit:
        listing = "\n".join(q["sql"][:200] for q in ctx.captured_queries)
        raise AssertionError(f"{executed} queries, expected at most {limit}:\n{listing}")
