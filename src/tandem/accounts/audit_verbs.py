from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "profile.updated": _("updated their profile"),
        "account.deleted": _("deleted their account"),
        "account.data_exported": _("downloaded their data"),
        "calendar.revoked": _("replaced their calendar address"),
    }
)
