from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "space.created": _("created the space {target} ({kind})"),
        "space.changed": _("changed {fields} of {target}"),
        "space.joined": _("joined {target}"),
        "space.join_requested": _("asked to join {target}"),
        "space.left": _("left {target}"),
        "space.member_invited": _("invited {who} to {target}"),
        "space.member_approved": _("let {who} into {target}"),
        "space.member_removed": _("removed {who} from {target}"),
        "space.member_banned": _("banned {who} from {target}"),
        "space.member_unbanned": _("lifted the ban on {who} in {target}"),
        "space.member_role": _("made {who} {role} of {target}"),
    }
)
