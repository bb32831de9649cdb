from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .registry import all_searchable


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("What"), required=False)
    space = forms.TypedChoiceField(label=_("Where"), required=False, coerce=int, empty_value=None)
    when = forms.ChoiceField(
        label=_("When"), required=False,
        choices=[("", _("Any time")), ("month", _("The past month")), ("year", _("The past year"))],
    )  # fmt: skip

    def __init__(self, *args: Any, spaces: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Everything"))] + [  # type: ignore[attr-defined]
            (s.key, s.label) for s in all_searchable()
        ]
        self.fields["space"].choices = [("", _("Every space"))] + [  # type: ignore[attr-defined]
            (s.pk, s.name) for s in spaces
        ]
