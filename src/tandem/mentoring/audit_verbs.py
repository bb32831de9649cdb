from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "relationship.created": _("started a relationship: {mentors} with {mentees} ({origin})"),
        "agreement.amended": _("saved version {version} of the agreement of {target}: {note}"),
        "agreement.accepted": _("accepted version {version} of the agreement of {target}"),
    }
)
