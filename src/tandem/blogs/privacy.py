from __future__ import annotations

from typing import Any

from django.utils import timezone

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import Comment, Post, Reaction


@register
class BlogsPrivacy(PrivacyProvider):
    app_label = "blogs"
    models = [Post, Comment, Reaction]
    description = "Your blog posts, your comments and your reactions."
    order = 35

    def export(self, user: Any) -> ExportPart:
        return ExportPart(
            data={
                "posts": [
                    {"title": p.title, "body": p.body, "visibility": p.visibility,
                     "created_at": p.created_at, "published_at": p.published_at}
                    for p in Post.objects.filter(author=user)
                ],
                "comments": [
                    {"on": c.post.title, "body": c.body, "at": c.created_at}
                    for c in Comment.objects.filter(author=user, removed_at__isnull=True)
                    .select_related("post")
                ],
                "reactions": [
                    {"on": r.post.title, "kind": r.kind}
                    for r in Reaction.objects.filter(user=user).select_related("post")
                ],
            }
        )  # fmt: skip

    def erase(self, user: Any, *, pseudonym: str) -> None:
        """A person's posts are theirs: they go. Their comments on others' posts
        leave a "removed" marker so the thread still reads."""
        Post.objects.filter(author=user).delete()
        Comment.objects.filter(author=user).update(author=None, body="", removed_at=timezone.now())
        Reaction.objects.filter(user=user).delete()
