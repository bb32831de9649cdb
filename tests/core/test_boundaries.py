"""Architecture rules that code review alone would let slip."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "tandem"
FEATURE_APPS = sorted(
    p.name for p in SRC.iterdir() if (p / "apps.py").exists() and p.name not in {"core", "settings"}
)


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_feature_apps_are_found() -> None:
    assert {"accounts", "programmes"} <= set(FEATURE_APPS)


def test_core_imports_no_feature_app() -> None:
    offending = {
        str(path.relative_to(SRC)): sorted(
            m
            for m in imported_modules(path)
            if m.split(".")[:2][-1] in FEATURE_APPS and m.startswith("tandem.")
        )
        for path in (SRC / "core").rglob("*.py")
    }
    assert {k: v for k, v in offending.items() if v} == {}


def test_accounts_does_not_depend_on_programmes() -> None:
    # Accounts sits below every feature app: people exist before any programme.
    offending = [
        str(path.relative_to(SRC))
        for path in (SRC / "accounts").rglob("*.py")
        if any(m.startswith("tandem.programmes") for m in imported_modules(path))
    ]
    assert offending == []
