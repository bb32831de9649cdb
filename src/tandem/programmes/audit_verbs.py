from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "programme.created": _("created the programme {target}"),
        "programme.updated": _("updated the programme {target}"),
        "programme.model_changed": _(
            "set the programme model of {target} to “{model}” ({source}); changed: {changed}"
        ),
        "membership.granted": _("added {target} with roles: {roles}"),
        "membership.roles_set": _("changed the roles of {target} to: {roles}"),
        "membership.ended": _("ended the membership of {target}"),
    }
)
