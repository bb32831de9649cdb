from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "newsletter.drafted": _("started a newsletter draft for {target}"),
        "newsletter.discarded": _("discarded a newsletter draft for {target}"),
        "newsletter.sent": _("sent the {target} newsletter to {recipients} members"),
        "newsletter.subscribed": _("asked for the {target} newsletter"),
        "newsletter.unsubscribed": _("stopped the {target} newsletter"),
    }
)
