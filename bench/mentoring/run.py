"""Mentoring under load: caseload and programme views at 20 concurrent users.

    .venv/bin/python bench/mentoring/run.py [--scale 10] [--users 20] [--seconds 60] [--json out.json]

Seeds ``seed_demo --scale N`` into a fresh database (SQLite in a temporary
directory, or ``DATABASE_URL``), signs in ten mentors with caseloads of 80 and
the lead of the N × 1,000-relationship programme, starts uvicorn on 127.0.0.1,
runs locust headless against it, and reports p50/p95 per page plus the query
count of each page. Target: p95 < 150 ms at 20 users.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
TARGET_P95_MS = 150


def main() -> int:
    from load import (
        arguments,
        page_figures,
        print_pages,
        run_locust,
        seed_database,
        session_for,
        start_server,
        wait_for,
        warm,
    )
    from run import free_port, rss_of_tree, stop_server  # bench/run.py

    args = arguments(__doc__, scale=10)
    with tempfile.TemporaryDirectory(prefix="tandem-bench-mentoring-") as tmpdir:
        seeded = seed_database(Path(tmpdir), scale=args.scale)
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from tandem.mentoring.models import Participant
        from tandem.programmes.models import Programme, Role

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
        "database": seeded.database, "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "seed": {"scale": args.scale, "seconds": seeded.seconds},
        "caseload_size": caseload_size, "users": args.users, "seconds": args.seconds,
        "server": f"uvicorn, {args.workers} workers", "server_rss_mb": rss_mb,
        "pages": page_figures(rows, queries),
        "target": f"p95 < {TARGET_P95_MS} ms at {args.users} concurrent users",
    }  # fmt: skip
    print(f"Mentoring under load on {seeded.database}: {args.users} users for {args.seconds} s, "
          f"caseload {caseload_size}, seeded in {results['seed']['seconds']} s")  # fmt: skip
    print_pages(results["pages"])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    ok = all(p["p95_ms"] < TARGET_P95_MS and p["failures"] == 0 for p in results["pages"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
