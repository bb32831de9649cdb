"""Messages in real time: 1,000 websocket clients in 500 one-to-one conversations.

    .venv/bin/python bench/realtime/run.py [--pairs 500] [--seconds 60] [--every 5] [--json out.json]

Starts its own Redis (installing Debian's redis-server first when it is missing
and this runs as root) and uvicorn on 127.0.0.1 with the Redis channel layer,
seeds ``seed_demo --scale 1`` into a fresh database (SQLite in a temporary
directory, or ``DATABASE_URL``), gives 500 of its mentor–mentee relationships
a conversation, and signs both people of each in. Then 1,000 clients connect
(one per person) and, for ``--seconds``, each pair exchanges a message every
``--every`` seconds on average, sent over the socket. Each message is stored,
pushed through Redis to both members' sockets and rendered for each; the
latency is the time from sending until the *other* member's socket has it.
Reports p50/p95/max latency, messages lost or duplicated, and the resident
memory of the server processes and of Redis. Targets: p95 < 100 ms, server
under 500 MB. Redis and uvicorn are stopped by their own process ids.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
from run import free_port, prepare_environment, rss_of_tree, stop_server  # noqa: E402  (bench/run.py)

TARGET_P95_MS = 100
TARGET_RSS_MB = 500
STAMP = re.compile(r"bench:(\d+):(\d+):(\d+)")


def redis_binary() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    if os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-q", "redis-server"], check=True, env=env,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        subprocess.run(["systemctl", "disable", "--now", "redis-server"], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        found = shutil.which("redis-server")
    if not found:
        raise SystemExit("redis-server is needed (apt install redis-server)")
    return found


def wait_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}")


def prepare(pairs: int) -> tuple[list[tuple[int, str, str]], str]:
    """Seed, and return (conversation id, cookie of person A, cookie of person B) per pair."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection

    from tandem.mentoring.models import Relationship
    from tandem.messaging.services import conversation_for_relationship

    call_command("migrate", verbosity=0)
    call_command("seed_demo", quiet=True, scale=1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def cookie(user: object) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)  # type: ignore[attr-defined]
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()  # type: ignore[attr-defined]
        store.create()
        return str(store.session_key)

    # 500 fresh one-to-one relationships among the 1,000 synthetic members, so that
    # every client is a different person in exactly one conversation.
    from tandem.accounts.models import User
    from tandem.mentoring.models import Participant
    from tandem.programmes.models import Programme

    programme = Programme.objects.filter(slug__startswith="synthetic-").first()
    people = list(User.objects.filter(memberships__programme=programme).order_by("pk")[: 2 * pairs])
    relationships = Relationship.objects.bulk_create(
        [
            Relationship(programme=programme, kind="one_to_one", status="active")
            for _ in range(pairs)
        ]
    )
    Participant.objects.bulk_create(
        [Participant(relationship=rel, user=people[2 * i + side], role=("mentor", "mentee")[side])
         for i, rel in enumerate(relationships) for side in (0, 1)]
    )  # fmt: skip
    rows = []
    for i, rel in enumerate(relationships):
        conversation = conversation_for_relationship(relationship=rel)
        rows.append((conversation.pk, cookie(people[2 * i]), cookie(people[2 * i + 1])))
    connection.close()
    return rows, connection.vendor


async def drive(port: int, rows: list[tuple[int, str, str]], seconds: float, every: float,
                server_pids: list[int]) -> dict[str, object]:  # fmt: skip
    from websockets.asyncio.client import connect

    sent: dict[tuple[int, int], int] = {}
    latencies: list[float] = []
    received: dict[tuple[int, int], int] = {}
    errors: list[str] = []
    origin = f"http://127.0.0.1:{port}"

    async def open_socket(conversation: int, cookie: str):  # type: ignore[no-untyped-def]
        for attempt in range(5):
            try:
                return await connect(
                    f"ws://127.0.0.1:{port}/ws/conversations/{conversation}/",
                    additional_headers={"Cookie": f"sessionid={cookie}", "Origin": origin},
                    open_timeout=30, ping_interval=None, max_queue=None,
                )  # fmt: skip
            except OSError as error:
                if attempt == 4:
                    raise
                errors.append(f"connect retry: {error}")
                await asyncio.sleep(0.5)
        return None

    started = time.perf_counter()
    sockets: list[tuple[object, object]] = []
    for batch in range(0, len(rows), 50):  # 50 pairs (100 sockets) at a time
        chunk = rows[batch : batch + 50]
        opened = await asyncio.gather(*[open_socket(c, a) for c, a, _b in chunk],
                                      *[open_socket(c, b) for c, _a, b in chunk])  # fmt: skip
        sockets += list(zip(opened[: len(chunk)], opened[len(chunk) :], strict=True))
    connect_seconds = time.perf_counter() - started
    idle_rss = rss_of_tree(server_pids)

    async def listen(ws, pair: int, side: int) -> None:  # type: ignore[no-untyped-def]
        try:
            async for raw in ws:
                now = time.perf_counter_ns()
                data = json.loads(raw)
                if data.get("type") != "message":
                    continue
                match = STAMP.search(data.get("html", ""))
                if not match or int(match.group(1)) != pair:
                    if match:
                        errors.append(f"pair {pair} got pair {match.group(1)}'s message")
                    continue
                seq, stamp = int(match.group(2)), int(match.group(3))
                if seq % 2 == side:
                    continue  # one's own message coming back
                key = (pair, seq)
                received[key] = received.get(key, 0) + 1
                if received[key] == 1:
                    latencies.append((now - stamp) / 1e6)
        except Exception as error:
            errors.append(f"listener {pair}/{side}: {error!r}")

    listeners = [asyncio.create_task(listen(ws, i, side))
                 for i, pair in enumerate(sockets) for side, ws in enumerate(pair)]  # fmt: skip
    stop_at = time.perf_counter() + seconds
    peak_rss = idle_rss

    async def talk(pair: int) -> None:
        rng = random.Random(pair)
        seq = 0
        await asyncio.sleep(rng.uniform(0, every))
        while time.perf_counter() < stop_at:
            ws = sockets[pair][seq % 2]
            sent[(pair, seq)] = time.perf_counter_ns()
            body = f"bench:{pair}:{seq}:{sent[(pair, seq)]} how did the number talk go?"
            await ws.send(json.dumps({"type": "send", "body": body}))  # type: ignore[attr-defined]
            seq += 1
            await asyncio.sleep(rng.expovariate(1 / every))

    async def sample_memory() -> None:
        nonlocal peak_rss
        while time.perf_counter() < stop_at:
            peak_rss = max(peak_rss, rss_of_tree(server_pids))
            await asyncio.sleep(2)

    await asyncio.gather(*[talk(i) for i in range(len(sockets))], sample_memory())
    await asyncio.sleep(3)  # let the last messages land
    for task in listeners:
        task.cancel()
    for a, b in sockets:
        await a.close()  # type: ignore[attr-defined]
        await b.close()  # type: ignore[attr-defined]
    latencies.sort()
    lost = [k for k in sent if k not in received]
    twice = [k for k, n in received.items() if n > 1]

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1)

    return {
        "clients": len(sockets) * 2, "connect_seconds": round(connect_seconds, 1),
        "messages": len(sent), "rate_per_s": round(len(sent) / seconds, 1),
        "latency_ms": {"p50": pct(0.5), "p95": pct(0.95), "p99": pct(0.99),
                       "max": round(latencies[-1], 1), "mean": round(statistics.fmean(latencies), 1)},
        "lost": len(lost), "duplicated": len(twice),
        "server_rss_mb": {"connected_idle": idle_rss, "peak_under_load": peak_rss},
        "errors": errors[:10], "error_count": len(errors),
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--every", type=float, default=5.0, help="mean seconds between a pair's messages"
    )
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    redis_server = redis_binary()
    with tempfile.TemporaryDirectory(prefix="tandem-bench-realtime-") as tmpdir:
        os.environ["DJANGO_SETTINGS_MODULE"] = "tandem.settings.base"
        prepare_environment(Path(tmpdir))
        redis_port = free_port()
        os.environ["TANDEM_REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        os.environ["TANDEM_ALLOWED_HOSTS"] = "127.0.0.1,testserver"
        import django

        django.setup()
        rows, database = prepare(args.pairs)
        redis = subprocess.Popen(
            [redis_server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", tmpdir, "--loglevel", "warning"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "tandem.asgi:application", "--host", "127.0.0.1",
             "--port", str(port), "--workers", str(args.workers), "--log-level", "warning",
             "--no-access-log", "--ws", "websockets-sansio"],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, cwd=ROOT,
        )  # fmt: skip
        try:
            wait_port(redis_port)
            wait_port(port)
            time.sleep(2)  # both workers up
            result = asyncio.run(drive(port, rows, args.seconds, args.every, [server.pid]))
            redis_rss = rss_of_tree([redis.pid])
        finally:
            stop_server(server)
            redis.terminate()
            redis.wait(timeout=10)

    results = {
        "database": database, "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "server": f"uvicorn, {args.workers} workers, Redis channel layer", "seconds": args.seconds,
        "mean_seconds_between_a_pairs_messages": args.every, **result, "redis_rss_mb": redis_rss,
        "target": f"p95 < {TARGET_P95_MS} ms, server < {TARGET_RSS_MB} MB",
    }  # fmt: skip
    latency = results["latency_ms"]
    memory = results["server_rss_mb"]
    print(f"Realtime on {database}: {results['clients']} clients, {results['messages']} messages "
          f"({results['rate_per_s']}/s) in {args.seconds} s")  # fmt: skip
    print(
        f"latency p50 {latency['p50']} ms, p95 {latency['p95']} ms, p99 {latency['p99']} ms, "  # type: ignore[index]
        f"max {latency['max']} ms; lost {results['lost']}, duplicated {results['duplicated']}"
    )  # type: ignore[index]
    print(
        f"server RSS {memory['connected_idle']} MB connected, {memory['peak_under_load']} MB peak; "  # type: ignore[index]
        f"Redis {redis_rss} MB; errors {results['error_count']}"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    ok = (
        latency["p95"] < TARGET_P95_MS  # type: ignore[index]
        and memory["peak_under_load"] < TARGET_RSS_MB  # type: ignore[index]
        and results["lost"] == 0 and results["duplicated"] == 0
    )  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
