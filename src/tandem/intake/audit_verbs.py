from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "cohort.created": _("opened the cohort {name}"),
        "application.submitted": _("applied as {kind} to {cohort}"),
        "application.decided": _(
            "decided on {target}'s application as {kind}: {decision} — {reason}"
        ),
        "application.commented": _("commented on {target}'s application as {kind}"),
    }
)
