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
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
TARGET_P95_MS = 150


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="tandem-bench-mentoring-") as tmpdir:
        from load import (
            page_figures,
            print_pages,
            run_locust,
            session_for,
            start_server,
            wait_for,
            warm,
        )
        from run import free_port, prepare_environment, rss_of_tree, stop_server  # bench/run.py

        os.environ["DJANGO_SETTINGS_MODULE"] = "tandem.settings.base"
        database = prepare_environment(Path(tmpdir))
        os.environ["TANDEM_ALLOWED_HOSTS"] = "127.0.0.1,testserver"
        import django

        django.setup()
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
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
        server = start_server(port, args.workers)
        try:
            wait_for(f"http://127.0.0.1:{port}/accounts/login/")
            # Warm both workers (templates compiled, connections open) before measuring.
            warm(port, [(u, setup["lead"] if "programmes" in u else setup["mentors"][0])
                        for _user, u in pages.values()])  # fmt: skip
            rows = run_locust(
                Path(__file__).with_name("locustfile.py"), port, users=args.users,
                seconds=args.seconds, setup=setup, tmpdir=Path(tmpdir),
            )  # fmt: skip
            rss_mb = rss_of_tree([server.pid])
        finally:
            stop_server(server)

    results = {
        "database": database, "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "seed": {"scale": args.scale, "seconds": round(seed_seconds, 1)},
        "caseload_size": caseload_size, "users": args.users, "seconds": args.seconds,
        "server": f"uvicorn, {args.workers} workers", "server_rss_mb": rss_mb,
        "pages": page_figures(rows, queries),
        "target": f"p95 < {TARGET_P95_MS} ms at {args.users} concurrent users",
    }  # fmt: skip
    print(f"Mentoring under load on {database}: {args.users} users for {args.seconds} s, "
          f"caseload {caseload_size}, seeded in {results['seed']['seconds']} s")  # fmt: skip
    print_pages(results["pages"])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    ok = all(p["p95_ms"] < TARGET_P95_MS and p["failures"] == 0 for p in results["pages"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
