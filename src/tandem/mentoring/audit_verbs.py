from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {"relationship.created": _("started a relationship: {mentors} with {mentees} ({origin})")}
)
