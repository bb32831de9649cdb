from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.community.models import Space


class FeatureForm(forms.Form):
    title = forms.CharField(
        label=_("What are you celebrating?"), max_length=160,
        help_text=_("E.g. “Twelve teachers finished their first year with us”."),
    )  # fmt: skip
    space = forms.ModelChoiceField(
        label=_("Show it on the front page of"), queryset=Space.objects.none()
    )
    note = forms.CharField(
        label=_("A line on why (optional)"), max_length=300, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    celebration = forms.BooleanField(label=_("Mark it as a celebration 🎉"), required=False)
    ends_on = forms.DateField(
        label=_("Show it until (optional)"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("It leaves the front page at the start of this day; leave empty to keep it."),
    )  # fmt: skip

    def __init__(self, *args: Any, places: Any, standalone: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = places  # type: ignore[attr-defined]
        if standalone:
            del self.fields["celebration"]
        else:
            del self.fields["title"]
