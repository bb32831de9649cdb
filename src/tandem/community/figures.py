"""Community figures for facilitators and leads: members over time, and how
much was contributed per period — reflections, discussions, videos, comments —
with the share made by mentors and facilitators and by everyone else (the
table programme reports give a funder).

Content apps register a :class:`Measure` (what counts in a community, its
date and its author); this module never imports them. Every figure is one
grouped query per measure, whatever the size of the community."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.db.models.functions import Trunc
from django.utils.translation import gettext_lazy as _

from tandem.programmes.models import Membership, MembershipRole, MembershipStatus, Role

from .models import MemberStatus, Space, SpaceMember

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: roles whose contributions count as "mentors and facilitators"
GUIDE_ROLES = (Role.MENTOR, Role.DEVELOPING_MENTOR, Role.COACH, Role.FACILITATOR,
               Role.PROGRAMME_LEAD)  # fmt: skip
PERIODS = {"month": _("Month"), "quarter": _("Quarter"), "year": _("Year")}
MAX_PERIODS = 60


@dataclass(frozen=True)
class Measure:
    key: str
    label: StrOrPromise
    #: community space -> the contributions made in it
    contributions: Callable[[Space], QuerySet[Any]]
    date_field: str
    author_field: str
    order: int = 50


_MEASURES: list[Measure] = []


def register_measure(measure: Measure) -> None:
    if all(m.key != measure.key for m in _MEASURES):
        _MEASURES.append(measure)
        _MEASURES.sort(key=lambda m: m.order)


def measures() -> list[Measure]:
    return list(_MEASURES)


@dataclass
class Tally:
    total: int = 0
    guides: int = 0

    @property
    def others(self) -> int:
        return self.total - self.guides

    @property
    def guide_share(self) -> int | None:
        """Per cent made by mentors and facilitators (None when nothing was made)."""
        return round(100 * self.guides / self.total) if self.total else None

    @property
    def other_share(self) -> int | None:
        return None if self.guide_share is None else 100 - self.guide_share


@dataclass
class Row:
    start: date
    label: str
    members: int = 0
    joined: int = 0
    counts: dict[str, Tally] = field(default_factory=dict)


@dataclass
class Figures:
    period: str
    rows: list[Row]
    totals: dict[str, Tally]
    measures: list[Measure]


STEPS = {"month": 1, "quarter": 3, "year": 12}


def _next(start: date, period: str) -> date:
    months = start.year * 12 + start.month - 1 + STEPS[period]
    return date(months // 12, months % 12 + 1, 1)


def period_starts(first: date, last: date, period: str) -> list[date]:
    """The first day of every period from the one holding ``first`` to the one holding ``last``."""
    step = STEPS[period]
    current = date(first.year, (first.month - 1) // step * step + 1, 1)
    starts: list[date] = []
    while current <= last and len(starts) < MAX_PERIODS:
        starts.append(current)
        current = _next(current, period)
    return starts


def _label(start: date, period: str) -> str:
    if period == "year":
        return f"{start.year}"
    if period == "quarter":
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    return f"{start:%Y-%m}"


def _guides(community: Space) -> QuerySet[Any]:
    return MembershipRole.objects.filter(
        membership__programme_id=community.programme_id, role__in=GUIDE_ROLES
    ).values("membership__user_id")


def _members_at(community: Space, moments: list[datetime]) -> tuple[list[int], list[int]]:
    """How many belonged at each moment, and how many joined before each moment
    (two queries: programme members, and educators who joined from outside)."""
    programme_rows = Membership.objects.filter(programme_id=community.programme_id)
    outside_rows = SpaceMember.objects.filter(space=community, joined_at__isnull=False).exclude(
        user__memberships__programme_id=community.programme_id
    )
    gone = [MemberStatus.LEFT, MemberStatus.REMOVED, MemberStatus.BANNED]
    joined = {f"j{n}": Count("pk", filter=Q(joined_at__lt=m)) for n, m in enumerate(moments)}
    at: dict[str, Any] = {}
    outside_at: dict[str, Any] = {}
    for n, moment in enumerate(moments):
        at[f"a{n}"] = Count("pk", filter=Q(joined_at__lt=moment) & (
            Q(ended_at__isnull=True, status=MembershipStatus.ACTIVE) | Q(ended_at__gte=moment)))  # fmt: skip
        outside_at[f"a{n}"] = Count("pk", filter=Q(joined_at__lt=moment) & (
            Q(status=MemberStatus.ACTIVE) | Q(status__in=gone, updated_at__gte=moment)))  # fmt: skip
    inside = programme_rows.aggregate(**at, **joined)
    outside = outside_rows.aggregate(**outside_at, **joined)
    members = [inside[f"a{n}"] + outside[f"a{n}"] for n in range(len(moments))]
    ever = [inside[f"j{n}"] + outside[f"j{n}"] for n in range(len(moments))]
    return members, ever


def figures_for(community: Space, *, first: date, last: date, period: str, zone: str) -> Figures:
    """The figures of ``community`` per ``period`` from ``first`` to ``last``
    (inclusive), periods cut at midnight in ``zone``."""
    tz = ZoneInfo(zone)
    starts = period_starts(first, last, period)
    edges = [*starts, _next(starts[-1], period)]
    moments = [datetime.combine(d, time.min, tzinfo=tz) for d in edges]
    members, ever = _members_at(community, moments)
    rows = [
        Row(start, _label(start, period), members=members[i + 1], joined=ever[i + 1] - ever[i])
        for i, start in enumerate(starts)
    ]
    by_start = {r.start: r for r in rows}
    guides = _guides(community)
    totals: dict[str, Tally] = {}
    for m in measures():
        totals[m.key] = Tally()
        for r in rows:
            r.counts[m.key] = Tally()
        grouped = (
            m.contributions(community)
            .filter(**{f"{m.date_field}__gte": moments[0], f"{m.date_field}__lt": moments[-1]})
            .annotate(
                period=Trunc(m.date_field, period, tzinfo=tz),
                guide=Case(
                    When(**{f"{m.author_field}__in": guides}, then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                ),
            )
            .values("period", "guide")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for g in grouped:
            moment = g["period"]
            key = moment.date() if isinstance(moment, datetime) else moment
            row = by_start.get(key)
            if row is None:
                continue
            for count in (row.counts[m.key], totals[m.key]):
                count.total += g["n"]
                count.guides += g["n"] if g["guide"] else 0
    return Figures(period, rows, totals, measures())
