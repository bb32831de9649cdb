"""The doors to relationships and what hangs off them: participants only;
everyone else — other mentees and mentors, facilitators, researchers, leads,
supervisors — gets the same 404 as for something that does not exist."""

from __future__ import annotations

from typing import Any

from tandem.core.access import deny, object_or_404

from .models import (
    ActionPoint,
    Goal,
    GoalStep,
    MentoringSession,
    PracticeReflection,
    Relationship,
    TimeEntry,
)


def relationship_for_user(user: Any, pk: Any) -> Relationship:
    if not user.is_authenticated:
        raise deny()
    return object_or_404(
        Relationship.objects.filter(participants__user=user).select_related("programme").distinct(),
        pk=pk,
    )


def session_in(relationship: Relationship, pk: Any) -> MentoringSession:
    session = object_or_404(relationship.sessions.all(), pk=pk)
    session.relationship = relationship
    return session


def goal_in(relationship: Relationship, pk: Any) -> Goal:
    goal = object_or_404(relationship.goals.select_related("owner", "revised_into"), pk=pk)
    goal.relationship = relationship
    return goal


def step_in(goal: Goal, pk: Any) -> GoalStep:
    step = object_or_404(goal.steps.all(), pk=pk)
    step.goal = goal
    return step


def action_in(relationship: Relationship, pk: Any) -> ActionPoint:
    action = object_or_404(relationship.action_points.all(), pk=pk)
    action.relationship = relationship
    return action


def own_reflection(user: Any, pk: Any) -> PracticeReflection:
    return object_or_404(PracticeReflection.objects.filter(author_id=user.pk), pk=pk)


def own_time_entry(user: Any, pk: Any) -> TimeEntry:
    return object_or_404(TimeEntry.objects.filter(mentor_id=user.pk), pk=pk)
