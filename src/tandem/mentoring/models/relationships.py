"""Relationships, their participants, agreements, and the supervision of mentors."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.programmes.models import Programme


class RelationshipKind(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("One-to-one")
    GROUP = "group", _("One mentor with a group")
    TEAM = "team", _("Team")
    CO_MENTORING = "co_mentoring", _("Co-mentoring")


class RelationshipStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Practice(models.TextChoices):
    MENTORING = "mentoring", _("Mentoring")
    COACHING = "coaching", _("Coaching")


class Formality(models.TextChoices):
    FORMAL = "formal", _("Formal")
    INFORMAL = "informal", _("Informal")


class Approach(models.TextChoices):
    EXPERIENCE_BASED = "experience_based", _("Experience-based")
    TASK_BASED = "task_based", _("Task-based")
    JUST_IN_TIME = "just_in_time", _("Just-in-time")


class EndReason(models.TextChoices):
    COMPLETED = "completed", _("Completed as planned")
    MASTERY = "mastery", _("Mastery signed off")
    ILL_HEALTH = "ill_health", _("Ill-health")
    FAMILY = "family", _("Family commitments")
    ROLE_CHANGE = "role_change", _("Promotion or change of role")
    LEADERSHIP = "leadership", _("Unsupportive leadership")
    CONNECTIVITY = "connectivity", _("Connectivity or practical reasons")
    OTHER = "other", _("Other")


class Relationship(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="relationships")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    practice = models.CharField(max_length=10, choices=Practice.choices, default=Practice.MENTORING)
    formality = models.CharField(max_length=10, choices=Formality.choices, default=Formality.FORMAL)
    approach = models.CharField(
        max_length=20, choices=Approach.choices, default=Approach.EXPERIENCE_BASED
    )
    status = models.CharField(
        max_length=10, choices=RelationshipStatus.choices, default=RelationshipStatus.ACTIVE
    )
    #: key of the current stage in the programme model (``stages[].key``)
    stage = models.CharField(max_length=60, blank=True)
    stage_since = models.DateField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    planned_end_on = models.DateField(null=True, blank=True)
    origin = models.CharField(
        max_length=120, blank=True, help_text=_("How it began, e.g. a matching run.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    #: when it last resumed after a pause: the rhythm counts from here
    resumed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    end_note = models.TextField(blank=True)
    # Cadence facts, kept by the services that record contact and sessions so
    # caseload and programme views read them without scanning history.
    last_contact_at = models.DateTimeField(null=True, blank=True)
    last_session_at = models.DateTimeField(null=True, blank=True)
    next_session_at = models.DateTimeField(null=True, blank=True)
    #: milestone key -> ISO date it was met
    milestones_done = models.JSONField(default=dict, blank=True)
    # When the earliest expectation falls due and when it starts to be "due soon"
    # (see cadence.py). Stored as moments, so health changes with the clock
    # without rewriting rows; refreshed whenever a fact above changes.
    due_at = models.DateTimeField(null=True, blank=True)
    due_soon_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["programme", "status"]),
            models.Index(fields=["programme", "status", "due_at"]),
            models.Index(fields=["programme", "status", "due_soon_at"]),
            # the lead's list walks this in order, so a later page need not sort them all
            models.Index(fields=["programme", "due_at", "id"], name="mentoring_rel_page"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.programme.name}"


class ParticipantRole(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")
    CO_MENTOR = "co_mentor", _("Co-mentor")


#: the participants who guide: they run sessions, comment, sign off and log time
GUIDE_ROLES = (ParticipantRole.MENTOR, ParticipantRole.CO_MENTOR)


class Participant(models.Model):
    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="relationship_roles"
    )
    role = models.CharField(max_length=10, choices=ParticipantRole.choices)
    # The boundaries this person set in the agreement: hours in their own time
    # zone when nothing is pushed to them, and how soon they usually reply.
    quiet_from = models.TimeField(null=True, blank=True)
    quiet_until = models.TimeField(null=True, blank=True)
    reply_within_hours = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "user"], name="one_role_per_relationship"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def is_quiet_at(self, moment: datetime, time_zone: str) -> bool:
        """Whether ``moment`` falls in this person's quiet hours (which may span midnight)."""
        if (
            self.quiet_from is None
            or self.quiet_until is None
            or self.quiet_from == self.quiet_until
        ):
            return False
        local = moment.astimezone(zoneinfo.ZoneInfo(time_zone)).time()
        if self.quiet_from < self.quiet_until:
            return self.quiet_from <= local < self.quiet_until
        return local >= self.quiet_from or local < self.quiet_until


class AgreementVersion(models.Model):
    """One version of a relationship's agreement; an amendment is a new version."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="agreement_versions"
    )
    number = models.PositiveIntegerField()
    sections = models.JSONField(default=dict)
    change_note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "number"], name="agreement_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Agreement v{self.number} of {self.relationship}"


class AgreementAcceptance(models.Model):
    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="acceptances"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="accept_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} accepted v{self.version.number}"


class Supervision(models.Model):
    """A supervisor (or a mentor's own mentor) supervising a mentor's practice."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervising"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervised_by"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "supervisor", "mentor"], name="supervise_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.supervisor} supervises {self.mentor}"


class PracticeReflection(models.Model):
    """A mentor's reflection on their own mentoring practice, which their
    supervisors and their own mentors read (never the mentees' material)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_reflections"
    )
    title = models.CharField(max_length=160)
    body = models.TextField()
    shared = models.BooleanField(
        default=True, help_text=_("Show it to my supervisors and my own mentors.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
