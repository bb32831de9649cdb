"""Organisations, programmes and who holds which role in them.

Programme models (presets), cohorts, intake and matching arrive later; they
hang off :class:`Programme` without changing these tables.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    PROVIDER = "provider", _("Professional learning provider")
    SCHOOL = "school", _("School")
    VIRTUAL_SCHOOL = "virtual_school", _("Virtual school")


class Organisation(models.Model):
    name = models.CharField(max_length=160)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    country = models.CharField(max_length=2, blank=True)
    region = models.CharField(max_length=120, blank=True)
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Being set up")
    ACTIVE = "active", _("Running")
    ARCHIVED = "archived", _("Finished")


class Programme(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="programmes"
    )
    name = models.CharField(max_length=160)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True, help_text=_("Markdown."))
    status = models.CharField(
        max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The programme's design as data (see programme_models.py); a copy of a
    # preset that the lead can adjust. Empty until a model is chosen.
    preset_key = models.CharField(max_length=60, blank=True)
    programme_model = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")
    DEVELOPING_MENTOR = "developing_mentor", _("Developing mentor")
    COACH = "coach", _("Coach")
    COACHEE = "coachee", _("Coachee")
    FACILITATOR = "facilitator", _("Community facilitator")
    PROGRAMME_LEAD = "programme_lead", _("Programme lead")
    RESEARCHER = "researcher", _("Researcher")
    SUPERVISOR = "supervisor", _("Supervisor")
    HELP_DESK = "help_desk", _("Help desk")


#: roles that run the programme and so may see its membership and history
STAFF_ROLES = frozenset({Role.PROGRAMME_LEAD, Role.FACILITATOR, Role.SUPERVISOR, Role.HELP_DESK})


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(
        max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme"], name="one_membership_per_programme"
            )
        ]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.programme}"

    @property
    def role_values(self) -> list[str]:
        return [r.role for r in self.roles.all()]

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(r.role).label) for r in self.roles.all()]


class MembershipRole(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="one_row_per_role")
        ]
        indexes = [models.Index(fields=["role", "membership"])]

    def __str__(self) -> str:
        return self.get_role_display()
