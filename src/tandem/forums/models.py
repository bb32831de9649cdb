"""Forums: discussions (topics) in a space, their posts and replies, who has
read how far, and who watches or mutes what.

A topic's first post (number 1) is its opening; the rest are replies. A reply
answers the topic or one top-level post (one level of threading). Posts keep
their rendered HTML so a long discussion is not re-rendered on every view."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tandem.community.models import Space


class TopicKind(models.TextChoices):
    DISCUSSION = "discussion", _("A discussion")
    QUESTION = "question", _("A question (someone can mark the answer)")


class PinScope(models.TextChoices):
    NONE = "", _("Not pinned")
    SPACE = "space", _("Pinned in this space")
    GLOBAL = "global", _("Pinned across the whole community")


class State(models.TextChoices):
    VISIBLE = "visible", _("Shown")
    PENDING = "pending", _("Awaiting a moderator's approval")
    HIDDEN = "hidden", _("Hidden by a moderator")
    DELETED = "deleted", _("Deleted by its writer")


class Topic(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="topics")
    #: the community the space belongs to (for global pins and community lists)
    community = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="forum_topics"
    )
    title = models.CharField(_("title"), max_length=160)
    kind = models.CharField(
        _("what kind of topic"), max_length=12, choices=TopicKind.choices,
        default=TopicKind.DISCUSSION,
    )  # fmt: skip
    #: mirrors the opening post: a hidden or pending opening hides the topic
    state = models.CharField(max_length=8, choices=State.choices, default=State.VISIBLE)
    created_at = models.DateTimeField(auto_now_add=True)
    last_posted_at = models.DateTimeField()
    #: the highest post number so far (read tracking compares with it)
    last_number = models.PositiveIntegerField(default=1)
    #: shown replies (the opening not counted)
    reply_count = models.PositiveIntegerField(default=0)
    pin_scope = models.CharField(max_length=6, choices=PinScope.choices, blank=True, default="")
    pinned_until = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    answer = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-last_posted_at", "-pk"]
        indexes = [
            models.Index(fields=["space", "state", "-last_posted_at"]),
            models.Index(fields=["community", "pin_scope"]),
        ]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="forum_posts"
    )
    #: a reply to this top-level post (None: to the topic)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    body = models.TextField(max_length=30_000)
    html = models.TextField(editable=False)
    state = models.CharField(max_length=8, choices=State.choices, default=State.VISIBLE)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "number"], name="one_number_per_post")
        ]
        indexes = [
            models.Index(fields=["topic", "parent", "number"]),
            models.Index(fields=["author", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.number} in {self.topic_id}"


class Revision(models.Model):
    """What a post said before an edit: the visible edit history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    title = models.CharField(max_length=160, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(auto_now_add=True)
    by_moderator = models.BooleanField(default=False)

    class Meta:
        ordering = ["-edited_at", "-pk"]

    def __str__(self) -> str:
        return f"Revision of {self.post_id}"


class ReadState(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reads")
    last_read = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="one_read_state_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.topic_id} to {self.last_read}"


class WatchLevel(models.TextChoices):
    WATCHING = "watching", _("Watching: tell me about every new post")
    NORMAL = "normal", _("Normal: only when someone replies to me or mentions me")
    MUTED = "muted", _("Muted: never tell me")


class Watch(models.Model):
    """A person's choice for a topic, or for a whole space (new topics there).
    A topic's own choice wins over its space's."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="watches"
    )
    space = models.ForeignKey(
        Space, null=True, blank=True, on_delete=models.CASCADE, related_name="forum_watches"
    )
    level = models.CharField(max_length=8, choices=WatchLevel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "topic"], condition=Q(topic__isnull=False), name="one_topic_watch"
            ),
            models.UniqueConstraint(
                fields=["user", "space"], condition=Q(space__isnull=False), name="one_space_watch"
            ),
            models.CheckConstraint(
                condition=(Q(topic__isnull=False) & Q(space__isnull=True))
                | (Q(topic__isnull=True) & Q(space__isnull=False)),
                name="watch_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.level}"
