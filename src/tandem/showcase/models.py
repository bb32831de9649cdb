"""What facilitators feature on a space's front page, and celebrations.

A feature points at a piece of content through its registered kind and id
(see :mod:`registry`), keeping the title and address it had when featured; a
celebration may point at content or stand alone ("Twelve teachers finished
their first year"). Each shows until it is removed or its end passes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.community.models import Space


class Feature(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="features")
    #: a registered Featurable's key, or "" for a celebration with no content
    kind = models.CharField(max_length=30, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(_("title"), max_length=160)
    url = models.CharField(max_length=400, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    note = models.CharField(_("why it is here"), max_length=300, blank=True)
    celebration = models.BooleanField(_("a celebration"), default=False)
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="features_made"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: shown until this moment (None: until removed)
    ends_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["space", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["space", "kind", "object_id"], condition=models.Q(object_id__isnull=False),
                name="featured_once_per_space",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title
