"""Writes for the mentoring time log."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import log_action
from tandem.programmes.models import Programme

from ..models import GUIDE_ROLES, Relationship, TimeEntry, TimeKind


def time_add(
    *,
    actor: Any,
    programme: Programme,
    kind: str,
    on: date,
    minutes: int,
    relationship: Relationship | None = None,
    note: str = "",
) -> TimeEntry:
    """Mentoring time besides sessions (which log theirs when recorded as held)."""
    if kind not in TimeKind.values or kind == TimeKind.SESSION:
        raise ValidationError(_("Sessions log their own time; choose another kind."))
    if not 1 <= minutes <= 24 * 60:
        raise ValidationError(_("Give the time in minutes, up to a day."))
    if on > timezone.localdate():
        raise ValidationError(_("Time can be logged for today or earlier."))
    if (
        relationship is not None
        and not relationship.participants.filter(user_id=actor.pk, role__in=GUIDE_ROLES).exists()
    ):
        raise ValidationError(_("You can log time only for relationships you mentor in."))
    with transaction.atomic():
        entry = TimeEntry.objects.create(
            mentor=actor, programme=programme, relationship=relationship, kind=kind, on=on,
            minutes=minutes, note=note.strip(),
        )  # fmt: skip
        log_action(actor, "time.logged", programme, {"minutes": minutes, "kind": kind},
                   scope=programme)  # fmt: skip
    return entry


def time_delete(*, actor: Any, entry: TimeEntry) -> None:
    if entry.mentor_id != actor.pk or entry.session_id is not None:
        raise ValidationError(_("Only time you logged by hand can be removed."))
    entry.delete()
