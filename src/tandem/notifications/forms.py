from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import DigestFrequency

from .kinds import Kind
from .models import Channel


class SettingsForm(forms.Form):
    email = forms.BooleanField(label=_("E-mail me about activity at all"), required=False)
    digest = forms.ChoiceField(
        label=_("Digest of what happened since I was last here"), choices=DigestFrequency.choices
    )

    def __init__(self, *args: Any, kinds: list[Kind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind_keys = [k.key for k in kinds]
        for kind in kinds:
            self.fields[f"kind_{kind.key}"] = forms.ChoiceField(
                label=kind.label, choices=Channel.choices
            )

    def channels(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"kind_{key}"] for key in self.kind_keys}
