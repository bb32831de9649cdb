"""Weekly availability as a grid of local time blocks, and its UTC hours of the week."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext_lazy as _

DAYS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]
BLOCKS = [(6, 9), (9, 12), (12, 15), (15, 18), (18, 21)]
# A fixed Monday: offsets (and daylight saving) are taken from this week.
REFERENCE_MONDAY = datetime(2026, 3, 2)


def choices() -> list[tuple[str, str]]:
    return [
        (f"{d}-{b}", f"{DAYS[d]} {start:02d}:00–{end:02d}:00")
        for d in range(7)
        for b, (start, end) in enumerate(BLOCKS)
    ]


def utc_hours(cells: Iterable[str], time_zone: str) -> frozenset[int]:
    """UTC hours of the week (0 = Monday 00:00 UTC) covered by the local blocks."""
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    utc = ZoneInfo("UTC")
    hours = set()
    for cell in cells:
        try:
            day, block = (int(part) for part in str(cell).split("-"))
            start, end = BLOCKS[block]
        except (ValueError, IndexError):
            continue
        if not 0 <= day < 7:
            continue
        for hour in range(start, end):
            local = (REFERENCE_MONDAY + timedelta(days=day, hours=hour)).replace(tzinfo=zone)
            moment = local.astimezone(utc)
            monday = REFERENCE_MONDAY.replace(tzinfo=utc)
            hours.add(int((moment - monday).total_seconds() // 3600) % 168)
    return frozenset(hours)
