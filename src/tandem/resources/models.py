"""Each space's library: files, links and videos members share, with tags.

Files live under random names and are served only through an access-checked
view; the name the person gave is kept for downloads and never used as a path."""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.community.models import Space


class ResourceKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")
    VIDEO = "video", _("Video")


def _stored_path(instance: Any, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"resources/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Tag(models.Model):
    """A word a community files its resources under; shared by all its spaces."""

    community = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="resource_tags")
    name = models.CharField(max_length=40)
    slug = models.SlugField(max_length=50)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "slug"], name="one_tag_per_slug")
        ]

    def __str__(self) -> str:
        return self.name


class Resource(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(max_length=8, choices=ResourceKind.choices)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(
        _("what it is and how you use it"), blank=True, max_length=10_000
    )
    #: the description rendered and sanitised once, on save
    html = models.TextField(blank=True)
    url = models.URLField(_("address"), blank=True, max_length=500)
    file = models.FileField(upload_to=_stored_path, blank=True, max_length=200)
    #: the name the file had on the uploader's computer (for downloads only)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    #: WebVTT captions for a video (SubRip files are converted on upload)
    captions = models.FileField(upload_to=_stored_path, blank=True, max_length=200)
    captions_language = models.CharField(max_length=12, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="resources")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="resources"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["space", "-created_at"]),
            models.Index(fields=["space", "kind", "-created_at"]),
            models.Index(fields=["added_by", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_video(self) -> bool:
        return self.kind == ResourceKind.VIDEO

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
