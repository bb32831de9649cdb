"""Tandem benchmarks: how fast demo data is generated and how fast the busiest pages answer.

Run with ``make bench`` (SQLite, then PostgreSQL) or directly::

    .venv/bin/python bench/run.py [--scale 10] [--repeat 30] [--json out.json]

Uses ``DATABASE_URL`` when set (``scripts/with-postgres`` sets it), otherwise a
fresh SQLite file in a temporary directory. Never touches the demo database.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def prepare_environment(tmp: Path) -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings.base")
    os.environ["TANDEM_MEDIA_ROOT"] = str(tmp / "media")
    os.environ["TANDEM_ALLOWED_HOSTS"] = "testserver"
    os.environ["TANDEM_LOG_LEVEL"] = "WARNING"
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
        return "sqlite"
    if url.startswith("postgres"):
        ensure_postgres_database(url)
        return "postgresql"
    return urlsplit(url).scheme


def ensure_postgres_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started by a benchmark, by its own process id."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def rss_of_tree(pids: list[int]) -> float:
    """Resident memory of these processes and all their children, in MB (Linux /proc)."""
    seen: set[int] = set()
    todo = list(pids)
    total = 0
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists():
            todo += [int(c) for c in children.read_text().split()]
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return round(total / 1024, 1)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class AssetParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.assets.append(a["src"] or "")
        if tag == "link" and a.get("rel") == "stylesheet" and a.get("href"):
            self.assets.append(a["href"] or "")


def page_weight(html: str) -> dict[str, int]:
    """Bytes of every CSS and JS file a page references, read from the static finders."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    parser = AssetParser()
    parser.feed(html)
    sizes = {}
    for url in parser.assets:
        path = urlsplit(url).path.removeprefix(settings.STATIC_URL)
        found = finders.find(path)
        sizes[path] = Path(str(found)).stat().st_size if found else -1
    return sizes


def time_requests(fn: Callable[[], Any], repeat: int) -> dict[str, float]:
    fn()  # warm caches, template loaders
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[max(0, int(len(samples) * 0.95) - 1)], 1),
        "max_ms": round(samples[-1], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=10, help="thousands of synthetic users")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as tmpdir:
        database = prepare_environment(Path(tmpdir))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from tandem.programmes.models import Programme, Role

        call_command("migrate", verbosity=0)
        call_command("seed_demo", quiet=True)

        results: dict[str, Any] = {
            "database": database,
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        }
        rss_before = peak_rss_mb()
        start = time.perf_counter()
        call_command("seed_demo", scale=args.scale, quiet=True)
        seconds = time.perf_counter() - start
        results["seed_scale"] = {
            "users": args.scale * 1000,
            "seconds": round(seconds, 2),
            "users_per_second": round(args.scale * 1000 / seconds),
            "peak_rss_mb": round(max(peak_rss_mb(), rss_before), 1),
            "target": "10,000 users in under 60 s",
        }

        programme = Programme.objects.filter(slug__startswith="synthetic-").first()
        assert programme is not None
        lead = programme.memberships.get(roles__role=Role.PROGRAMME_LEAD).user
        mentee = programme.memberships.filter(roles__role=Role.MENTEE).first()
        assert mentee is not None
        demo_lead = Programme.objects.get(slug="connected-classrooms-2026").memberships.get(
            roles__role=Role.PROGRAMME_LEAD
        )
        # Leads must have an authenticator app, as in production.
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        for person in (lead, demo_lead.user):
            if not person.authenticator_set.exists():
                TOTP.activate(person, generate_totp_secret())
        pages = [
            ("home (programme lead, 1,000-member programme)", lead, "/"),
            ("home (mentee)", mentee.user, "/"),
            ("programme page", lead, f"/programmes/{programme.slug}/"),
            ("members, page 1 of 20", lead, f"/programmes/{programme.slug}/members/"),
            ("members, page 12", lead, f"/programmes/{programme.slug}/members/?page=12"),
            (
                "members filtered to mentors (htmx partial)",
                lead,
                f"/programmes/{programme.slug}/members/?role=mentor",
            ),
            (
                "history (demo programme)",
                demo_lead.user,
                "/programmes/connected-classrooms-2026/history/",
            ),
            ("my profile form", mentee.user, "/me/profile/"),
        ]
        results["pages"] = []
        weights: dict[str, int] = {}
        for label, user, url in pages:
            client = Client()
            client.force_login(user)
            headers = {"HX-Request": "true"} if "htmx" in label else {}
            response = client.get(url, headers=headers)
            assert response.status_code == 200, (label, response.status_code)
            with CaptureQueriesContext(connection) as queries:
                client.get(url, headers=headers)
            query_count = len(queries)  # read now: the next request resets the log
            timing = time_requests(
                lambda c=client, u=url, h=headers: c.get(u, headers=h), args.repeat
            )
            results["pages"].append({"page": label, "queries": query_count, **timing})
            weights.update(page_weight(response.content.decode()))
        results["page_weight"] = {
            "files": weights,
            "total_kb": round(sum(weights.values()) / 1024, 1),
            "target": "CSS + JS under 100 KB",
        }

    print(
        f"Tandem benchmarks on {results['database']} — Python {results['python']}, {results['machine']}"
    )
    s = results["seed_scale"]
    print(
        f"seed_demo --scale {args.scale}: {s['users']:,} users in {s['seconds']} s "
        f"({s['users_per_second']:,}/s, peak RSS {s['peak_rss_mb']} MB) — target: {s['target']}"
    )
    print(f"{'page':50} {'queries':>7} {'median':>8} {'p95':>8} {'max':>8}")
    for row in results["pages"]:
        print(
            f"{row['page']:50} {row['queries']:>7} {row['median_ms']:>6} ms "
            f"{row['p95_ms']:>5} ms {row['max_ms']:>5} ms"
        )
    w = results["page_weight"]
    print(
        f"CSS + JS per page: {w['total_kb']} KB ({', '.join(w['files'])}) — target: {w['target']}"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    ok = s["seconds"] < 60 and w["total_kb"] < 100
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
