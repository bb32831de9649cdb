"""Country and time-zone choices from the IANA database (the tzdata package)."""

from __future__ import annotations

import zoneinfo
from functools import cache
from importlib import resources


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(
        z for z in zoneinfo.available_timezones()
        if "/" in z and not z.startswith(("Etc/", "SystemV/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/"))
    )  # fmt: skip
    return [("UTC", "UTC"), *((z, z.replace("_", " ")) for z in zones)]


@cache
def country_choices() -> list[tuple[str, str]]:
    text = resources.files("tzdata").joinpath("zoneinfo", "iso3166.tab").read_text("utf-8")
    rows = [
        tuple(line.split("\t", 1))
        for line in text.splitlines()
        if line and not line.startswith("#")
    ]
    return sorted(((code, name.strip()) for code, name in rows), key=lambda row: row[1])


def country_name(code: str) -> str:
    return dict(country_choices()).get(code, code)
