"""Answers computed once per page view: who may read which spaces, say, is
asked by every panel of a page. The middleware opens a cache for GET and HEAD
requests only — nothing a read-only request does changes the answers — and
:func:`memo` falls back to computing afresh outside one (services, tasks,
tests calling functions directly, and every POST)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase

_CACHE: ContextVar[dict[Hashable, Any] | None] = ContextVar("tandem_request_cache", default=None)
SAFE = frozenset({"GET", "HEAD"})


def memo[T, F](key: Hashable, compute: Callable[[], T], *, fallback: Callable[[], F]) -> T | F:
    """``compute()`` once per page view; outside one, ``fallback()`` (e.g. the
    subquery whose ids ``compute`` would read), so nothing stale is ever kept."""
    cache = _CACHE.get()
    if cache is None:
        return fallback()
    if key not in cache:
        cache[key] = compute()
    found: T = cache[key]
    return found


class RequestCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method not in SAFE:
            return self.get_response(request)
        token = _CACHE.set({})
        try:
            return self.get_response(request)
        finally:
            _CACHE.reset(token)
