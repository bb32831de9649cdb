"""Work that runs on the clock (reminders, digests): apps register a job, and
``manage.py tick`` — run every few minutes by cron or a systemd timer — runs
them all. Every job must be idempotent: it claims what it sends, so running
the tick twice, or on two servers at once, never sends anything twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Job = Callable[[datetime], int]  # now -> how many things it did
_JOBS: dict[str, Job] = {}


def register(name: str, job: Job) -> None:
    _JOBS[name] = job


def jobs() -> dict[str, Job]:
    return dict(_JOBS)
