"""Cadence and health: the one place that decides whether a relationship is on
track, due soon or overdue.

The programme model sets the rhythm (``meeting_cadence.every_days``,
``contact_cadence_days``, required milestones with a ``due_day``). From the
facts a relationship keeps (start, last contact, last and next session,
milestones met) :func:`deadlines` lists what is expected and by when.
:func:`refresh_fields` stores the earliest deadline and the moment it becomes
"due soon" on the relationship, so health follows the clock with no rewrite:
:func:`health_at` reads it for one row, :func:`health_q` filters rows in SQL,
both from the same two stored moments.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Relationship, RelationshipStatus

#: how long after its start a scheduled session may wait to be recorded
RECORD_GRACE = timedelta(days=1)
#: a milestone is "due soon" this long before its day
MILESTONE_WINDOW = timedelta(days=7)


class Health(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


@dataclass(frozen=True)
class Rhythm:
    meeting_every_days: int | None
    contact_every_days: int | None
    milestones: tuple[tuple[str, str, int], ...]  # (key, label, due_day) required ones

    @classmethod
    def of(cls, model: dict[str, Any]) -> Rhythm:
        meeting = model.get("meeting_cadence") or {}
        return cls(
            meeting_every_days=meeting.get("every_days"),
            contact_every_days=model.get("contact_cadence_days"),
            milestones=tuple(
                (m["key"], m["label"], m["due_day"])
                for m in model.get("milestones") or []
                if m.get("required") and m.get("due_day") is not None
            ),
        )


def window(every_days: int) -> timedelta:
    """How long before a rhythm's deadline it counts as due soon: a fifth of
    the interval, at least one day (weekly → 1 day, fortnightly → 3, monthly → 6)."""
    return timedelta(days=max(1, math.ceil(every_days / 5)))


@dataclass(frozen=True)
class Deadline:
    kind: str  # "contact" | "session" | "record" | "milestone"
    due_at: datetime
    soon_at: datetime
    label: str


def start_of(relationship: Relationship) -> datetime:
    # Midnight UTC: stored deadlines must not depend on whose request saved them.
    day = relationship.started_on or relationship.created_at.astimezone(UTC).date()
    return datetime.combine(day, time(), tzinfo=UTC)


def deadlines(relationship: Relationship, rhythm: Rhythm) -> list[Deadline]:
    """What the relationship owes next, from its stored facts; empty unless active."""
    if relationship.status != RelationshipStatus.ACTIVE:
        return []
    start = start_of(relationship)
    # After a pause the rhythm starts again from the day it resumed.
    anchor = max(start, relationship.resumed_at or start)
    found: list[Deadline] = []
    if rhythm.contact_every_days:
        every = timedelta(days=rhythm.contact_every_days)
        due = max(relationship.last_contact_at or anchor, anchor) + every
        found.append(
            Deadline("contact", due, due - window(rhythm.contact_every_days), str(_("Contact")))
        )
    if rhythm.meeting_every_days:
        every = timedelta(days=rhythm.meeting_every_days)
        due = max(relationship.last_session_at or anchor, anchor) + every
        upcoming = relationship.next_session_at
        if upcoming is not None and upcoming <= due:
            # A session is booked in time: what is owed is to hold and record it.
            found.append(
                Deadline("record", upcoming + RECORD_GRACE, upcoming, str(_("Record the session")))
            )
        else:
            found.append(
                Deadline(
                    "session", due, due - window(rhythm.meeting_every_days), str(_("A session"))
                )
            )
    done = relationship.milestones_done or {}
    for key, label, due_day in rhythm.milestones:
        if key not in done:
            due = start + timedelta(days=due_day)
            found.append(Deadline("milestone", due, due - MILESTONE_WINDOW, label))
    return sorted(found, key=lambda d: d.due_at)


def refresh_fields(relationship: Relationship, rhythm: Rhythm | None = None) -> None:
    """Set ``due_at``/``due_soon_at`` from the facts (the caller saves)."""
    found = deadlines(relationship, rhythm or Rhythm.of(relationship.programme.programme_model))
    relationship.due_at = min((d.due_at for d in found), default=None)
    relationship.due_soon_at = min((d.soon_at for d in found), default=None)


def health_at(
    due_at: datetime | None, due_soon_at: datetime | None, now: datetime
) -> Health | None:
    """None when nothing is expected (paused, ended, or a model without a rhythm)."""
    if due_at is None:
        return None
    if due_at <= now:
        return Health.OVERDUE
    if due_soon_at is not None and due_soon_at <= now:
        return Health.DUE_SOON
    return Health.ON_TRACK


def health_q(state: str, now: datetime) -> Q:
    """Rows in ``state`` at ``now``: the same comparisons as :func:`health_at`."""
    if state == Health.OVERDUE:
        return Q(due_at__lte=now)
    if state == Health.DUE_SOON:
        return Q(due_at__gt=now, due_soon_at__lte=now)
    if state == Health.ON_TRACK:
        return Q(due_at__gt=now) & (Q(due_soon_at__gt=now) | Q(due_soon_at__isnull=True))
    return Q(due_at__isnull=True)


def health_of(relationship: Relationship, now: datetime | None = None) -> Health | None:
    return health_at(relationship.due_at, relationship.due_soon_at, now or timezone.now())
