"""Panels that feature apps add to a person's home page.

Core knows no feature app: apps register a provider at start-up; the home
view asks every provider for the panels it has for this person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50


PanelProvider = Callable[[Any], list[Panel]]
_PROVIDERS: list[PanelProvider] = []


def register(provider: PanelProvider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def panels_for(user: Any) -> list[Panel]:
    panels = [panel for provider in _PROVIDERS for panel in provider(user)]
    return sorted(panels, key=lambda p: p.order)
