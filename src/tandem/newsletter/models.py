"""The community's monthly newsletter: issues written from the month's
highlights, who asked to receive it, and one delivery row per recipient per
issue — the row is how sending resumes after a crash without e-mailing
anyone twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.community.models import Space


class IssueState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class Issue(models.Model):
    #: the programme's community (its root space)
    community = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="newsletters")
    #: the first day of the month it covers
    month = models.DateField(_("month"))
    subject = models.CharField(_("subject"), max_length=160)
    body = models.TextField(_("newsletter"), max_length=50_000, help_text=_("Markdown."))
    #: the body rendered and sanitised when saved (the e-mail and the archive show it)
    html = models.TextField(blank=True)
    state = models.CharField(max_length=8, choices=IssueState.choices, default=IssueState.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    send_started_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month", "-pk"]
        indexes = [models.Index(fields=["community", "state", "-month"])]

    def __str__(self) -> str:
        return self.subject


class Subscription(models.Model):
    """Someone's choice about a community's newsletter; no row means not subscribed."""

    community = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="newsletter_choices"
    )
    subscribed = models.BooleanField(default=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="one_choice_per_newsletter")
        ]

    def __str__(self) -> str:
        return f"{self.user} {'receives' if self.subscribed else 'declined'} {self.community}"


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    CLAIMED = "claimed", _("Being sent")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Not sent (unsubscribed or left since)")


class Delivery(models.Model):
    """One recipient of one issue, fixed when the facilitator presses Send."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="newsletter_deliveries"
    )
    state = models.CharField(
        max_length=8, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    #: which worker run holds it, and since when (a stale claim is taken over)
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "user"], name="one_delivery_per_recipient")
        ]
        indexes = [models.Index(fields=["issue", "state"]), models.Index(fields=["claim"])]

    def __str__(self) -> str:
        return f"{self.issue} to {self.user}: {self.state}"
