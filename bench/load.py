"""Shared by the load benchmarks (bench/mentoring, bench/community): sign-in
sessions without a browser, uvicorn on loopback, a headless locust run and
its per-page figures."""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def arguments(doc: str | None, *, scale: int) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--scale", type=int, default=scale)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--json", type=Path)
    return parser.parse_args()


@dataclass
class Seeded:
    database: str
    seconds: float
    peak_rss_mb: float


def seed_database(tmpdir: Path, *, scale: int, only: str = "") -> Seeded:
    """Set Django up on a fresh database (SQLite in ``tmpdir`` unless DATABASE_URL),
    migrate, run ``seed_demo --scale`` and gather planner statistics."""
    from run import peak_rss_mb, prepare_environment  # bench/run.py

    os.environ["DJANGO_SETTINGS_MODULE"] = "tandem.settings.base"
    database = prepare_environment(tmpdir)
    os.environ["TANDEM_ALLOWED_HOSTS"] = "127.0.0.1,testserver"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", quiet=True, scale=scale, only=only)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        # Fresh bulk inserts have no planner statistics yet (autovacuum on PostgreSQL
        # and `manage.py tick`'s PRAGMA optimize on SQLite keep them fresh in use).
        cursor.execute("ANALYZE")
    return Seeded(database, round(seconds, 1), round(peak_rss_mb(), 1))


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer at {url}")


def session_for(user: Any) -> str:
    """A signed-in session cookie for ``user`` (stored in the database)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "tandem.asgi:application", "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers), "--log-level", "warning",
         "--no-access-log"],
        env=env, cwd=ROOT,
    )  # fmt: skip


def warm(port: int, requests: list[tuple[str, str]], rounds: int = 6) -> None:
    """Request each (url, session cookie) a few times so every worker is warm."""
    for url, cookie in requests * rounds:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{url}", headers={"Cookie": f"sessionid={cookie}"}
        )
        urllib.request.urlopen(request, timeout=60).read()


def run_locust(
    locustfile: Path, port: int, *, users: int, seconds: int, setup: dict[str, Any], tmpdir: Path
) -> list[dict[str, str]]:
    """Run locust headless; its stats rows (one per page name, plus "Aggregated")."""
    prefix = tmpdir / "locust"
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(locustfile), "--headless", "-u", str(users),
         "-r", str(users), "-t", f"{seconds}s", "--host", f"http://127.0.0.1:{port}",
         "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"),
             "TANDEM_BENCH_COOKIES": json.dumps(setup)},
        check=False,
    )  # fmt: skip
    return list(csv.DictReader((tmpdir / "locust_stats.csv").open()))


def page_figures(rows: list[dict[str, str]], queries: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"page": r["Name"], "requests": int(r["Request Count"]),
         "failures": int(r["Failure Count"]), "median_ms": float(r["50%"]),
         "p95_ms": float(r["95%"]), "max_ms": round(float(r["Max Response Time"]), 1),
         "rps": round(float(r["Requests/s"]), 1), "queries": queries.get(r["Name"])}
        for r in rows if r["Name"] != "Aggregated"
    ]  # fmt: skip


def print_pages(pages: list[dict[str, Any]], width: int = 42) -> None:
    print(f"{'page':{width}} {'reqs':>6} {'fail':>5} {'p50':>7} {'p95':>7} {'queries':>8}")
    for p in pages:
        print(
            f"{p['page']:{width}} {p['requests']:>6} {p['failures']:>5} {p['median_ms']:>5} ms "
            f"{p['p95_ms']:>5} ms {p['queries']!s:>8}"
        )
