"""Mentoring and coaching relationships (minimal: the mentoring issue extends them)."""

from __future__ import annotations

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


class Relationship(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="relationships")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    status = models.CharField(
        max_length=10, choices=RelationshipStatus.choices, default=RelationshipStatus.ACTIVE
    )
    started_on = models.DateField(null=True, blank=True)
    planned_end_on = models.DateField(null=True, blank=True)
    origin = models.CharField(
        max_length=120, blank=True, help_text=_("How it began, e.g. a matching run.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.programme.name}"


class ParticipantRole(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")
    CO_MENTOR = "co_mentor", _("Co-mentor")


class Participant(models.Model):
    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="relationship_roles"
    )
    role = models.CharField(max_length=10, choices=ParticipantRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "user"], name="one_role_per_relationship"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


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
