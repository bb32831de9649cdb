from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .figures import MAX_PERIODS, PERIODS, period_starts
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


class MonthField(forms.CharField):
    """A month typed or picked as YYYY-MM, cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-11"})

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            year, month = (int(part) for part in text.strip().split("-"))
            return date(year, month, 1)
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(_("Write a month as year-month, e.g. 2026-11.")) from error


class FiguresForm(forms.Form):
    first = MonthField(label=_("From"))
    last = MonthField(label=_("To"))
    period = forms.ChoiceField(label=_("Per"), choices=list(PERIODS.items()), initial="month")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last, period = data.get("first"), data.get("last"), data.get("period")
        if first and last and period:
            if first > last:
                self.add_error("last", _("The end comes before the start."))
            elif len(period_starts(first, last, period)) >= MAX_PERIODS:
                self.add_error(
                    "first", _("Show at most %(n)d periods at a time.") % {"n": MAX_PERIODS - 1}
                )
        return data
