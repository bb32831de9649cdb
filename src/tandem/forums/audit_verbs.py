from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "forum_topic.started": _("started the discussion “{title}” in {target}"),
        "forum_topic.deleted": _("deleted the discussion “{title}” in {target}"),
        "forum_topic.locked": _("closed the discussion “{title}” in {target}"),
        "forum_topic.unlocked": _("reopened the discussion “{title}” in {target}"),
        "forum_topic.pinned": _("pinned “{title}” in {target}"),
        "forum_topic.unpinned": _("unpinned “{title}” in {target}"),
        "forum_topic.moved": _("moved “{title}” from {from} to {target}"),
        "forum_post.edited_by_moderator": _("edited a post in “{title}” ({target})"),
    }
)
