"""The community under load: a 500-reply discussion, the front page and search
in a community of N × 1,000 members and N × 10,000 posts, at 20 concurrent users.

    .venv/bin/python bench/community/run.py [--scale 100] [--users 20] [--seconds 60] [--json out.json]

Seeds ``seed_demo --scale N --only community`` into a fresh database (SQLite in
a temporary directory, or ``DATABASE_URL``), signs in twenty synthetic members,
counts each page's queries in-process (the discussion on pages 1 and 20 must
cost the same), starts uvicorn on 127.0.0.1, runs locust headless against it,
and reports p50/p95 per page. Target: p95 < 150 ms at 20 users.
"""

from __future__ import annotations

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
QUERIES = ["satellite", "breakout rooms", "rubric", "whānau weekly plan", "radio", "feedback writ"]


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

    args = arguments(__doc__, scale=100)
    with tempfile.TemporaryDirectory(prefix="tandem-bench-community-") as tmpdir:
        seeded = seed_database(Path(tmpdir), scale=args.scale, only="community")
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from tandem.accounts.models import User
        from tandem.community.models import MemberStatus, Space
        from tandem.forums.models import Post, Topic

        root = Space.objects.filter(
            parent__isnull=True, programme__slug__startswith="synthetic-community-"
        ).get()
        topic = Topic.objects.filter(community=root).order_by("pk").first()
        assert topic is not None, "no synthetic community"
        assert topic.reply_count == 500, topic.reply_count
        members = list(
            User.objects.filter(
                space_memberships__space=root, space_memberships__status=MemberStatus.ACTIVE
            ).order_by("?")[:20]
        )
        counts = {
            "members": root.members.filter(status=MemberStatus.ACTIVE).count(),
            "posts": Post.objects.filter(topic__community=root).count(),
            "topics": Topic.objects.filter(community=root).count(),
        }
        topic_url, space_url = f"/discussions/{topic.pk}/", f"/spaces/{root.pk}/"
        setup = {"members": [session_for(m) for m in members], "topic": topic_url,
                 "space": space_url, "queries": QUERIES}  # fmt: skip

        # Query counts, in-process, for the record (and the constant-count check).
        pages = {
            "topic with 500 replies, page 1": topic_url,
            "topic with 500 replies, later page": f"{topic_url}?page=20",
            "community front page": space_url,
            "search": "/search/?q=breakout+rooms",
        }
        queries, in_process_ms = {}, {}
        client = Client()
        client.force_login(members[0])
        for label, url in pages.items():
            assert client.get(url).status_code == 200, url
            with CaptureQueriesContext(connection) as ctx:
                began = time.perf_counter()
                client.get(url)
                in_process_ms[label] = round((time.perf_counter() - began) * 1000, 1)
            queries[label] = len(ctx.captured_queries)
        search_counts = {}
        for query in QUERIES:
            with CaptureQueriesContext(connection) as ctx:
                client.get(f"/search/?q={query}")
            search_counts[query] = len(ctx.captured_queries)
        connection.close()

        port = free_port()
        server = start_server(port, args.workers)
        try:
            wait_for(f"http://127.0.0.1:{port}/accounts/login/")
            warm(port, [(url, setup["members"][0]) for url in pages.values()])
            rows = run_locust(
                Path(__file__).with_name("locustfile.py"), port, users=args.users,
                seconds=args.seconds, setup=setup, tmpdir=Path(tmpdir),
            )  # fmt: skip
            rss_mb = rss_of_tree([server.pid])
        finally:
            stop_server(server)

    constant = (
        queries["topic with 500 replies, page 1"] == queries["topic with 500 replies, later page"]
        # one visibility query per kind found among the hits (three kinds at most)
        and max(search_counts.values()) - min(search_counts.values()) <= 2
    )
    results = {
        "database": seeded.database, "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "seed": {"scale": args.scale, "seconds": seeded.seconds,
                 "peak_rss_mb": seeded.peak_rss_mb, **counts},
        "users": args.users, "seconds": args.seconds,
        "server": f"uvicorn, {args.workers} workers", "server_rss_mb": rss_mb,
        "in_process_ms": in_process_ms, "search_queries_per_term": search_counts,
        "constant_queries": constant,
        "pages": page_figures(rows, queries),
        "target": f"p95 < {TARGET_P95_MS} ms at {args.users} concurrent users",
    }  # fmt: skip
    print(
        f"Community under load on {seeded.database}: {args.users} users for {args.seconds} s; "
        f"{counts['members']:,} members, {counts['posts']:,} posts in {counts['topics']:,} "
        f"discussions, seeded in {results['seed']['seconds']} s"
    )
    print_pages(results["pages"], width=36)
    print(f"in-process, unloaded: {in_process_ms}; constant query counts: {constant}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    ok = constant and all(
        p["p95_ms"] < TARGET_P95_MS and p["failures"] == 0 for p in results["pages"]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
