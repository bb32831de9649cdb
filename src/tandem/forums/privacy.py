from __future__ import annotations

from typing import Any

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import Post, ReadState, Revision, State, Topic, Watch


@register
class ForumsPrivacy(PrivacyProvider):
    app_label = "forums"
    models = [Topic, Post, Revision, ReadState, Watch]
    description = "The discussions you started, your posts in them and what you follow."
    order = 36

    def export(self, user: Any) -> ExportPart:
        return ExportPart(
            data={
                "posts": [
                    {"discussion": p.topic.title, "space": p.topic.space.name,
                     "number": p.number, "body": p.body, "state": p.state,
                     "created_at": p.created_at, "edited_at": p.edited_at}
                    for p in Post.objects.filter(author=user).exclude(state=State.DELETED)
                    .select_related("topic__space")
                ],
                "following": [
                    {"topic": w.topic.title if w.topic else None,
                     "space": w.space.name if w.space else None, "level": w.level}
                    for w in Watch.objects.filter(user=user).select_related("topic", "space")
                ],
            }
        )  # fmt: skip

    def erase(self, user: Any, *, pseudonym: str) -> None:
        """A conversation is shared: the person's words go, their place in the
        thread stays as "deleted" so replies to them still read."""
        Revision.objects.filter(post__author=user).delete()
        Post.objects.filter(author=user).update(author=None, body="", html="",
                                                state=State.DELETED)  # fmt: skip
        Revision.objects.filter(edited_by=user).update(edited_by=None)
        Topic.objects.filter(author=user).update(author=None)
        ReadState.objects.filter(user=user).delete()
        Watch.objects.filter(user=user).delete()
