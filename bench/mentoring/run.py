"""Mentoring under load: caseload and programme views at 20 concurrent users.

    .venv/bin/python bench/mentoring/run.py [--scale 10] [--users 20] [--seconds 60] [--json out.json]

Seeds ``seed_demo --scale N`` into a fresh database (SQLite in a temporary
directory, or ``DATABASE_URL``), signs in ten mentors with caseloads of 80 and
the lead of the N × 1,000-relationship programme, starts uvicorn on 127.0.0.1,
runs locust headless against it, and reports p50/p95 per page plus the query
count of each page. Target: p95 < 150 ms at 20 users.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
TARGET_P95_MS = 150


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer at {url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="tandem-bench-mentoring-") as tmpdir:
        from run import free_port, prepare_environment, rss_of_tree, stop_server  # bench/run.py

        os.environ["DJANGO_SETTINGS_MODULE"] = "tandem.settings.base"
        database = prepare_environment(Path(tmpdir))
        os.environ["TANDEM_ALLOWED_HOSTS"] = "127.0.0.1,testserver"
        import django

        django.setup()
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.contrib.sessions.backends.db import SessionStore
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from tandem.mentoring.models import Participant
        from tandem.programmes.models import Programme, Role

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("seed_demo", quiet=True, scale=args.scale)
        seed_seconds = time.perf_counter() - started
        if connection.vendor == "postgresql":
            # Fresh bulk inserts have no planner statistics yet; autovacuum would
            # gather them within minutes on a real server.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        programme = Programme.objects.filter(slug__startswith="synthetic-mentoring-").get()
        lead = programme.memberships.get(roles__role=Role.PROGRAMME_LEAD).user
        TOTP.activate(lead, generate_totp_secret())
        mentor_ids = list(
            Participant.objects.filter(relationship__programme=programme, role="mentor")
            .values_list("user_id", flat=True)
            .distinct()[:10]
        )
        from tandem.accounts.models import User

        def session_for(user: User) -> str:
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            return str(store.session_key)

        mentors = list(User.objects.filter(pk__in=mentor_ids))
        caseload_size = Participant.objects.filter(user=mentors[0], role="mentor").count()
        setup = {"mentors": [session_for(m) for m in mentors], "lead": session_for(lead),
                 "programme": programme.slug}  # fmt: skip

        # Query counts, in-process, for the record.
        pages = {
            "caseload (80 relationships)": (mentors[0], "/mentoring/caseload/"),
            "programme view (10,000 relationships)": (lead, f"/programmes/{programme.slug}/relationships/"),
            "programme view, overdue filter": (lead, f"/programmes/{programme.slug}/relationships/?health=overdue"),
            "programme view, a later page": (lead, f"/programmes/{programme.slug}/relationships/?page=120"),
        }  # fmt: skip
        queries = {}
        for label, (user, url) in pages.items():
            client = Client()
            client.force_login(user)
            assert client.get(url).status_code == 200, url
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            queries[label] = len(ctx.captured_queries)
        connection.close()

        port = free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "tandem.asgi:application", "--host", "127.0.0.1",
             "--port", str(port), "--workers", str(args.workers), "--log-level", "warning", "--no-access-log"],
            env=env, cwd=ROOT,
        )  # fmt: skip
        try:
            wait_for(f"http://127.0.0.1:{port}/accounts/login/")
            # Warm both workers (templates compiled, connections open) before measuring.
            for url in [u for _user, u in pages.values()] * 6:
                cookie = setup["lead"] if "programmes" in url else setup["mentors"][0]
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}{url}", headers={"Cookie": f"sessionid={cookie}"}
                )
                urllib.request.urlopen(request, timeout=30).read()
            prefix = Path(tmpdir) / "locust"
            subprocess.run(
                [sys.executable, "-m", "locust", "-f", str(Path(__file__).with_name("locustfile.py")),
                 "--headless", "-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s",
                 "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
                 "--loglevel", "WARNING"],
                env={**env, "TANDEM_BENCH_COOKIES": json.dumps(setup)}, check=False,
            )  # fmt: skip
            rss_mb = rss_of_tree([server.pid])
        finally:
            stop_server(server)
        rows = list(csv.DictReader((prefix.parent / "locust_stats.csv").open()))

    results = {
        "database": database, "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "seed": {"scale": args.scale, "seconds": round(seed_seconds, 1)},
        "caseload_size": caseload_size, "users": args.users, "seconds": args.seconds,
        "server": f"uvicorn, {args.workers} workers", "server_rss_mb": rss_mb,
        "pages": [
            {"page": r["Name"], "requests": int(r["Request Count"]), "failures": int(r["Failure Count"]),
             "median_ms": float(r["50%"]), "p95_ms": float(r["95%"]), "max_ms": round(float(r["Max Response Time"]), 1),
             "rps": round(float(r["Requests/s"]), 1), "queries": queries.get(r["Name"])}
            for r in rows if r["Name"] != "Aggregated"
        ],
        "target": f"p95 < {TARGET_P95_MS} ms at {args.users} concurrent users",
    }  # fmt: skip
    print(f"Mentoring under load on {database}: {args.users} users for {args.seconds} s, "
          f"caseload {caseload_size}, seeded in {results['seed']['seconds']} s")  # fmt: skip
    print(f"{'page':42} {'reqs':>6} {'fail':>5} {'p50':>7} {'p95':>7} {'queries':>8}")
    for p in results["pages"]:
        print(
            f"{p['page']:42} {p['requests']:>6} {p['failures']:>5} {p['median_ms']:>5} ms {p['p95_ms']:>5} ms {p['queries']!s:>8}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    ok = all(p["p95_ms"] < TARGET_P95_MS and p["failures"] == 0 for p in results["pages"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
