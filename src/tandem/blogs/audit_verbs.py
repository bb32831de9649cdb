from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "blog_post.shared": _("set who can read {target} to {visibility}"),
        "blog_post.deleted": _("deleted a blog post"),
        "blog_comment.removed": _("removed a comment on {target}"),
    }
)
