from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "recording.requested": _("asked to record a call in {target} ({people} people)"),
        "recording.agreed": _("agreed to record a call in {target}"),
        "recording.declined": _("declined to record a call in {target}"),
        "recording.saved": _("saved a call recording in {target} ({seconds} s)"),
        "coaching.ended": _("ended live coaching in {target}"),
    }
)
