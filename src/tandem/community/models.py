"""A programme's community and the spaces inside it, who belongs to each, and
each person's @handle (used for mentions and their blog's address).

The community itself is the programme's root space. Everyone active in the
programme belongs to it; educators from outside join it when it is open.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tandem.programmes.models import Programme


class SpaceKind(models.TextChoices):
    OPEN = "open", _("Open: anyone signed in can read and join")
    MEMBERS = "members", _("Members only: listed, read by members, join on approval")
    RESTRICTED = "restricted", _("Restricted: invisible to non-members, by invitation")


SHORT_KIND = {
    SpaceKind.OPEN: _("Open"),
    SpaceKind.MEMBERS: _("Members only"),
    SpaceKind.RESTRICTED: _("Restricted"),
}


class Space(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="spaces")
    #: None for the community itself; its groups point at it
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="groups"
    )
    name = models.CharField(_("name"), max_length=120)
    summary = models.CharField(_("what it is for"), max_length=300, blank=True)
    guidelines = models.TextField(
        _("netiquette guidelines"), blank=True, max_length=10_000,
        help_text=_("How people treat each other here. Markdown."),
    )  # fmt: skip
    kind = models.CharField(_("who can see and join"), max_length=12, choices=SpaceKind.choices)
    approve_new_posts = models.BooleanField(
        _("a moderator approves posts by people new to this space"), default=False
    )
    flags_to_hide = models.PositiveSmallIntegerField(
        _("flags that hide a post until a moderator reviews it"), default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme"], condition=Q(parent__isnull=True), name="one_community_per_programme"
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        return str(SHORT_KIND[SpaceKind(self.kind)])

    @property
    def is_community(self) -> bool:
        return self.parent_id is None


class SpaceRole(models.TextChoices):
    MEMBER = "member", _("Member")
    MODERATOR = "moderator", _("Moderator")


class MemberStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    REQUESTED = "requested", _("Asked to join")
    ACTIVE = "active", _("Member")
    LEFT = "left", _("Left")
    REMOVED = "removed", _("Removed")
    BANNED = "banned", _("Banned")


class SpaceMember(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_memberships"
    )
    role = models.CharField(max_length=10, choices=SpaceRole.choices, default=SpaceRole.MEMBER)
    status = models.CharField(max_length=10, choices=MemberStatus.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    joined_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="one_row_per_space_member")
        ]
        indexes = [
            models.Index(fields=["user", "status"]),
            models.Index(fields=["space", "status"]),
            # the moderators of a space with a hundred thousand members
            models.Index(fields=["space", "role", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.space}"


class Handle(models.Model):
    """A person's @name: lower-case letters, digits and hyphens, unique."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="handle"
    )
    handle = models.SlugField(max_length=40, unique=True)

    def __str__(self) -> str:
        return f"@{self.handle}"
