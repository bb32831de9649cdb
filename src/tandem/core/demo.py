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


_SCALE_STEPS: list[tuple[int, str, DemoStep]] = []


def register_scale(step: DemoStep, *, name: str, order: int = 50) -> None:
    """A step of ``seed_demo --scale N`` (benchmark data); ``context["scale"]`` is N.
    ``name`` lets a benchmark run only the steps it needs (``--only``)."""
    if all(existing is not step for _o, _n, existing in _SCALE_STEPS):
        _SCALE_STEPS.append((order, name, step))


def scale_step_names() -> list[str]:
    return [name for _o, name, _s in sorted(_SCALE_STEPS, key=lambda s: s[0])]


def run_scale_steps(context: dict[str, Any], only: set[str] | None = None) -> None:
    for _order, name, step in sorted(_SCALE_STEPS, key=lambda s: s[0]):
        if only is None or name in only:
            step(context)
