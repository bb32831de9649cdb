"""Steps that feature apps add to ``seed_demo``.

The command builds people and programmes, then runs every registered step in
order with a shared context (people by login, the demo programme, the lead).
Core knows no feature app; apps register their step in ``ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

DemoStep = Callable[[dict[str, Any]], None]
_STEPS: list[tuple[int, DemoStep]] = []


def register(step: DemoStep, *, order: int = 50) -> None:
    if all(existing is not step for _o, existing in _STEPS):
        _STEPS.append((order, step))


def run_steps(context: dict[str, Any]) -> None:
    for _order, step in sorted(_STEPS, key=lambda s: s[0]):
        step(context)
