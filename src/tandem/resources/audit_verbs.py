from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "resource.added": _("added {target} to a library"),
        "resource.changed": _("changed the library resource {target}"),
        "resource.removed": _("removed a resource from {target}'s library"),
    }
)
