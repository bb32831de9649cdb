from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "feature.added": _("featured something on the front page of {target}"),
        "feature.removed": _("took a feature off the front page of {target}"),
    }
)
