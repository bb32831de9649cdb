"""Reflective blogs: each member's posts, with who may read each, comments and reactions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.community.models import Space
from tandem.core.visibility import Visibility
from tandem.programmes.models import Programme


class Post(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blog_posts"
    )
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(max_length=80)
    body = models.TextField(_("post"), max_length=50_000, help_text=_("Markdown."))
    visibility = models.CharField(
        max_length=12, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    #: the community a COMMUNITY post is shared with (and the programme of a space's post)
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="blog_posts"
    )
    #: the space a GROUP post is shared with
    space = models.ForeignKey(
        Space, null=True, blank=True, on_delete=models.SET_NULL, related_name="blog_posts"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: first shared beyond the author (a private draft has none)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["author", "slug"], name="one_slug_per_author")
        ]
        indexes = [
            models.Index(fields=["visibility", "-published_at"]),
            models.Index(fields=["space", "-published_at"]),
            models.Index(fields=["author", "-published_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="blog_comments"
    )
    body = models.TextField(max_length=10_000)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.post}"


class ReactionKind(models.TextChoices):
    HELPFUL = "helpful", "👍"
    CELEBRATE = "celebrate", "🎉"


REACTION_NAMES = {ReactionKind.HELPFUL: _("Helpful"), ReactionKind.CELEBRATE: _("Celebrate")}


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blog_reactions"
    )
    kind = models.CharField(max_length=10, choices=ReactionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="one_reaction_each")
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.post}"
