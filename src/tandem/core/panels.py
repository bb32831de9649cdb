"""Panels a feature app adds to another app's page without either importing
the other: the page names a slot, apps register renderers for it, core joins
their HTML. E.g. the live room adds its chat, prompts and recordings to the
session page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

PanelRenderer = Callable[..., str]
_SLOTS: dict[str, list[tuple[int, PanelRenderer]]] = {}


def register(slot: str, renderer: PanelRenderer, *, order: int = 50) -> None:
    """Add ``renderer`` to ``slot``; lower ``order`` shows first (ties: first registered)."""
    renderers = _SLOTS.setdefault(slot, [])
    if all(existing is not renderer for _order, existing in renderers):
        renderers.append((order, renderer))
        renderers.sort(key=lambda pair: pair[0])


def render(slot: str, request: HttpRequest, **context: Any) -> SafeString:
    """The HTML every app registered for ``slot`` gives for this request
    (each renderer returns template output, already escaped)."""
    return mark_safe("".join(r(request, **context) for _o, r in _SLOTS.get(slot, [])))  # noqa: S308
