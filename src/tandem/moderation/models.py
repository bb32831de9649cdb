"""Moderation: what members flag and what waits for a moderator.

A :class:`ReviewItem` is one piece of content (a forum post, a blog comment…)
in a space's review queue, either because members flagged it or because the
space approves new members' posts. The content itself stays in its own app;
an item names it by the flaggable kind's key and the content's id."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tandem.community.models import Space


class ReviewReason(models.TextChoices):
    FLAGGED = "flagged", _("Flagged by members")
    APPROVAL = "approval", _("New member's post awaiting approval")


class Outcome(models.TextChoices):
    KEPT = "kept", _("Kept (shown)")
    HIDDEN = "hidden", _("Hidden")


class ReviewItem(models.Model):
    kind = models.CharField(max_length=40)
    target_id = models.PositiveBigIntegerField()
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="review_items")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=10, choices=ReviewReason.choices)
    #: members' flags reached the space's threshold and hid the content
    hidden_by_flags = models.BooleanField(default=False)
    opened_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    #: the moderator's word to the author
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "target_id"], condition=Q(resolved_at__isnull=True),
                name="one_open_review_per_target",
            )
        ]  # fmt: skip
        indexes = [models.Index(fields=["space", "resolved_at"])]

    def __str__(self) -> str:
        return f"Review of {self.kind} {self.target_id}"


class FlagReason(models.TextChoices):
    DISRESPECTFUL = "unkind", _("Unkind, disrespectful or against the guidelines")
    PRIVACY = "privacy", _("Shares private details about a learner, family or colleague")
    OFF_TOPIC = "off_topic", _("Off topic or in the wrong space")
    SPAM = "spam", _("Spam or advertising")
    OTHER = "other", _("Something else")


class Flag(models.Model):
    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(max_length=40)
    target_id = models.PositiveBigIntegerField()
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags_raised"
    )
    reason = models.CharField(max_length=12, choices=FlagReason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "target_id", "reporter"], name="one_flag_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"Flag on {self.kind} {self.target_id}"
