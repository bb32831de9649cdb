from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .handles import user_by_handle
from .models import Space


class SpaceForm(forms.ModelForm):
    class Meta:
        model = Space
        fields = ["name", "summary", "kind", "guidelines", "approve_new_posts", "flags_to_hide"]
        widgets = {"kind": forms.RadioSelect, "guidelines": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["flags_to_hide"].required = False
        self.fields["flags_to_hide"].help_text = _(
            "When this many members flag a post, it is hidden until a moderator reviews it."
        )

    def clean_flags_to_hide(self) -> int:
        return self.cleaned_data.get("flags_to_hide") or 3


class InviteForm(forms.Form):
    who = forms.CharField(
        label=_("Who to invite"), max_length=254,
        help_text=_("Their e-mail address or @handle. They must have a Tandem account."),
    )  # fmt: skip

    def clean_who(self) -> Any:
        text = self.cleaned_data["who"].strip()
        if text.startswith("@"):
            user = user_by_handle(text[1:])
        else:
            user = get_user_model().objects.filter(email__iexact=text, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("No one in Tandem has that e-mail address or handle. Check the spelling.")
            )
        return user
