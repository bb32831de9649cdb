from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "event.created": _("planned the event {target}"),
        "event.changed": _("changed the event {target}"),
        "event.cancelled": _("cancelled the event {target}"),
        "event.registered": _("registered for {target}"),
        "event.unregistered": _("gave up a place at {target}"),
        "event.attendance": _("took the register of {target}"),
        "event.recording": _("shared the recording of {target}"),
        "event.chat_hidden": _("hid a line of the live chat {target}"),
        "event.chat_restored": _("showed again a line of the live chat {target}"),
    }
)
