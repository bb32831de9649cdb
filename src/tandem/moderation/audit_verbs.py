from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "content.flagged": _("flagged a post in {target} ({reason})"),
        "content.hidden_by_flags": _("hid a post in {target} after {flags} flags"),
        "content.hidden": _("hid a post in {target}"),
        "content.shown": _("showed (kept, approved or restored) a post in {target}"),
    }
)
