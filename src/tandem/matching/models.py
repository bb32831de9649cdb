"""Matching runs for a cohort and the committee's lock/forbid rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.intake.models import Cohort


class RunStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SUPERSEDED = "superseded", _("Superseded")
    APPROVED = "approved", _("Approved")


class MatchRun(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="match_runs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.PROPOSED)
    total_score = models.FloatField(default=0)
    # Pairs (user ids, score, per-criterion points), unmatched with reasons,
    # co-mentor proposals; ids are resolved to people when shown.
    result = models.JSONField(default=dict)
    stats = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Run {self.pk} for {self.cohort}"


class Rule(models.TextChoices):
    LOCK = "lock", _("Always pair")
    FORBID = "forbid", _("Never pair")


class PairRule(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="pair_rules")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(max_length=6, choices=Rule.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "mentee", "mentor"], name="one_rule_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.get_rule_display()}: {self.mentee} with {self.mentor}"
