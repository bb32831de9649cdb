from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "conversation.started": _("started a group conversation, {target} ({people} people)"),
        "conversation.member_added": _("added {who} to {target}"),
        "conversation.member_removed": _("removed {who} from {target}"),
        "message.deleted": _("deleted a message in {target}"),
    }
)
