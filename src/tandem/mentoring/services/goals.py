"""Writes for goals: select, refine, revisit — every version kept."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import log_action

from ..models import (
    GUIDE_ROLES,
    Goal,
    GoalNote,
    GoalNoteKind,
    GoalRevision,
    GoalStatus,
    GoalStep,
    ParticipantRole,
    Relationship,
)
from ..models.goals import GOAL_FIELDS, GOAL_MOVES
from .relationships import _require_live, role_in


def _clean(fields: dict[str, Any]) -> dict[str, str]:
    values = {key: str(fields.get(key) or "").replace("\x00", "").strip() for key in GOAL_FIELDS}
    if not values["title"]:
        raise ValidationError(_("A goal needs a title."))
    return values


def _require_owner(goal: Goal, actor: Any) -> None:
    if goal.owner_id != actor.pk:
        raise ValidationError(_("Only the mentee whose goal it is can change it."))


def goal_create(
    *, actor: Any, relationship: Relationship, fields: dict[str, Any], activate: bool = True
) -> Goal:
    _require_live(relationship)
    if role_in(relationship, actor) != ParticipantRole.MENTEE:
        raise ValidationError(_("Goals belong to a mentee; a mentor comments on them."))
    values = _clean(fields)
    status = GoalStatus.ACTIVE if activate else GoalStatus.DRAFT
    with transaction.atomic():
        goal = Goal.objects.create(relationship=relationship, owner=actor, status=status, **values)
        GoalRevision.objects.create(
            goal=goal, version=1, status=status, fields=values, author=actor,
            note=_("First version"),
        )  # fmt: skip
        log_action(actor, "goal.created", relationship, {},
                   scope=relationship.programme)  # fmt: skip
    return goal


def goal_revise(*, actor: Any, goal: Goal, fields: dict[str, Any], note: str = "") -> Goal:
    """Refine the goal: a new version; earlier versions stay in its history."""
    _require_live(goal.relationship)
    _require_owner(goal, actor)
    if goal.status == GoalStatus.REVISED:
        raise ValidationError(_("This goal was replaced; refine the goal that replaced it."))
    values = _clean(fields)
    if values == goal.snapshot():
        raise ValidationError(_("Nothing has changed from the current version."))
    with transaction.atomic():
        for key, value in values.items():
            setattr(goal, key, value)
        goal.version += 1
        goal.save()
        GoalRevision.objects.create(
            goal=goal, version=goal.version, status=goal.status, fields=values, author=actor,
            note=note.strip()[:300],
        )  # fmt: skip
        log_action(actor, "goal.revised", goal.relationship,
                   {"version": goal.version},
                   scope=goal.relationship.programme)  # fmt: skip
    return goal


def goal_set_status(*, actor: Any, goal: Goal, status: str, note: str = "") -> Goal:
    _require_live(goal.relationship)
    _require_owner(goal, actor)
    if status == GoalStatus.REVISED:
        raise ValidationError(_("Replace the goal with a new one to mark it revised."))
    if status not in GOAL_MOVES.get(goal.status, set()):
        raise ValidationError(
            _("A goal that is %(now)s cannot become %(to)s.")
            % {"now": goal.get_status_display().lower(),
               "to": str(GoalStatus(status).label).lower() if status in GoalStatus.values else status}
        )  # fmt: skip
    with transaction.atomic():
        goal.status = status
        goal.save(update_fields=["status", "updated_at"])
        GoalRevision.objects.create(
            goal=goal, version=goal.version, status=status, fields=goal.snapshot(),
            author=actor, note=note.strip()[:300],
        )  # fmt: skip
        log_action(actor, "goal.status", goal.relationship,
                   {"status": str(GoalStatus(status).label)},
                   scope=goal.relationship.programme)  # fmt: skip
    return goal


def goal_replace(*, actor: Any, goal: Goal, fields: dict[str, Any], note: str = "") -> Goal:
    """Let the goal go in favour of a new one that grew out of it."""
    if goal.status not in (GoalStatus.ACTIVE, GoalStatus.DRAFT):
        raise ValidationError(_("Only a draft or active goal can be replaced."))
    _require_owner(goal, actor)
    with transaction.atomic():
        successor = goal_create(actor=actor, relationship=goal.relationship, fields=fields)
        goal.status, goal.revised_into = GoalStatus.REVISED, successor
        goal.save(update_fields=["status", "revised_into", "updated_at"])
        GoalRevision.objects.create(
            goal=goal, version=goal.version, status=GoalStatus.REVISED, fields=goal.snapshot(),
            author=actor, note=(note.strip() or _("Replaced by “%(t)s”") % {"t": successor.title})[:300],
        )  # fmt: skip
    return successor


def goal_note_add(
    *, actor: Any, goal: Goal, text: str, evidence: str = "", progress: int | None = None
) -> GoalNote:
    """A check-in from the goal's owner, or a comment from a mentor."""
    _require_live(goal.relationship)
    role = role_in(goal.relationship, actor)
    if goal.owner_id == actor.pk:
        kind = GoalNoteKind.CHECK_IN
    elif role in GUIDE_ROLES:
        kind = GoalNoteKind.COMMENT
    else:
        raise ValidationError(_("Only the mentee and their mentors write on a goal."))
    if not text.strip():
        raise ValidationError(_("Write a few words."))
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError(_("Progress is a number from 0 to 100."))
    with transaction.atomic():
        note = GoalNote.objects.create(
            goal=goal, author=actor, kind=kind, text=text.strip(), evidence=evidence.strip(),
            progress=progress if kind == GoalNoteKind.CHECK_IN else None,
        )  # fmt: skip
        log_action(actor, f"goal.{kind}", goal.relationship, {},
                   scope=goal.relationship.programme)  # fmt: skip
    return note


def goal_step_add(*, actor: Any, goal: Goal, title: str, due_on: date | None) -> GoalStep:
    _require_live(goal.relationship)
    _require_owner(goal, actor)
    if not title.strip():
        raise ValidationError(_("An interim goal needs a title."))
    return GoalStep.objects.create(goal=goal, title=title.strip(), due_on=due_on)


def goal_step_set_done(*, actor: Any, step: GoalStep, done: bool) -> GoalStep:
    _require_live(step.goal.relationship)
    _require_owner(step.goal, actor)
    step.done_at = timezone.now() if done else None
    step.save(update_fields=["done_at"])
    return step
