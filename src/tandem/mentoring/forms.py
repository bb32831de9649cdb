from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.programmes.programme_models import AGREEMENT_SECTIONS


class AgreementForm(forms.Form):
    """Every section of the agreement, then a note on what changed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in AGREEMENT_SECTIONS.items():
            self.fields[key] = forms.CharField(
                label=label, max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
            )
        self.fields["change_note"] = forms.CharField(
            label=_("What you changed, in a sentence"), max_length=300, required=False
        )

    def sections(self) -> dict[str, str]:
        return {key: self.cleaned_data[key].strip() for key in AGREEMENT_SECTIONS}
