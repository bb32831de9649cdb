from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Role


class MemberFilterForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("Everyone")), *Role.choices]
    )


class MembershipRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].error_messages["required"] = _("Choose at least one role.")
