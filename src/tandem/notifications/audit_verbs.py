from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "notifications.settings_changed": _("changed their notification settings"),
        "notifications.unsubscribed": _("unsubscribed from {what} by e-mail link"),
    }
)
