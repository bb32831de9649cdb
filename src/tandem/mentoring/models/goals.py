"""A mentee's professional-learning goals, with every refinement kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .relationships import Relationship


class GoalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    ACHIEVED = "achieved", _("Achieved")
    REVISED = "revised", _("Revised into a new goal")
    LET_GO = "let_go", _("Let go")


#: where a goal may move from each status
GOAL_MOVES: dict[str, set[str]] = {
    GoalStatus.DRAFT: {GoalStatus.ACTIVE, GoalStatus.LET_GO},
    GoalStatus.ACTIVE: {GoalStatus.ACHIEVED, GoalStatus.REVISED, GoalStatus.LET_GO},
    GoalStatus.ACHIEVED: {GoalStatus.ACTIVE},
    GoalStatus.REVISED: set(),
    GoalStatus.LET_GO: {GoalStatus.ACTIVE},
}


class NeedKind(models.TextChoices):
    STUDENT = "student", _("Students' learning")
    SCHOOL = "school", _("The school")
    COMMUNITY = "community", _("The community")
    OWN = "own", _("My own practice")


#: the text fields of a goal, kept in every revision
GOAL_FIELDS = (
    "title", "description", "need_kind", "need", "blockers", "enablers", "evaluation",
    "support",
)  # fmt: skip


class Goal(models.Model):
    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="goals")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_goals"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text=_("What and why."))
    need_kind = models.CharField(max_length=10, choices=NeedKind.choices, default=NeedKind.STUDENT)
    need = models.TextField(blank=True)
    blockers = models.TextField(blank=True)
    enablers = models.TextField(blank=True)
    evaluation = models.TextField(blank=True)
    support = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=GoalStatus.choices, default=GoalStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    revised_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="revised_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "-updated_at"]
        indexes = [models.Index(fields=["relationship", "status"])]

    def __str__(self) -> str:
        return self.title

    def snapshot(self) -> dict[str, str]:
        return {key: getattr(self, key) for key in GOAL_FIELDS}


class GoalRevision(models.Model):
    """One version of a goal (the first is version 1), or a change of status."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=GoalStatus.choices)
    fields = models.JSONField(default=dict)
    note = models.CharField(max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.goal} v{self.version}"


class GoalStep(models.Model):
    """An interim goal with a date."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class GoalNoteKind(models.TextChoices):
    CHECK_IN = "check_in", _("Progress check-in")
    COMMENT = "comment", _("Comment")


class GoalNote(models.Model):
    """A progress check-in with evidence, or a mentor's comment."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=GoalNoteKind.choices)
    text = models.TextField()
    evidence = models.TextField(blank=True)
    progress = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("How far along, 0–100.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.goal}"
