"""Top navigation assembled from what feature apps register.

Each app registers a function ``(request) -> list[NavItem]`` so the menu shows
only what the signed-in person's roles give them, and core imports no app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int = 50
    badge: int = 0  # e.g. unread notifications; 0 shows nothing


NavProvider = Callable[[HttpRequest], list[NavItem]]
_PROVIDERS: list[NavProvider] = []


def register(provider: NavProvider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def items_for(request: HttpRequest) -> list[NavItem]:
    cached = getattr(request, "_tandem_nav", None)
    if cached is not None:
        return cached
    items: list[NavItem] = []
    for provider in _PROVIDERS:
        items.extend(provider(request))
    items.sort(key=lambda item: item.order)
    request._tandem_nav = items  # type: ignore[attr-defined]
    return items
