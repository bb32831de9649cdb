"""Shared by the load benchmarks (bench/mentoring, bench/community): sign-in
sessions without a browser, uvicorn on loopback, a headless locust run and
its per-page figures."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


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
