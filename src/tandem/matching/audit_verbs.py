from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "matching.run": _("ran matching for {target}: {pairs} pairs, {unmatched} unmatched"),
        "matching.rule": _("set “{rule}” for {mentee} with {mentor} in {target}"),
        "matching.approved": _("approved matching run {run} for {target}: {pairs} relationships"),
    }
)
