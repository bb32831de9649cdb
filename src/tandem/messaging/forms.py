from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import GROUP_LIMIT
from .services import MAX_ATTACHMENTS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class EditForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class MessageForm(EditForm):
    attachments = MultipleFileField(
        label=_("Attach files"), required=False,
        help_text=_("Up to %(n)d files: images, PDF, Word, Excel, PowerPoint or text.") % {"n": MAX_ATTACHMENTS},
    )  # fmt: skip


class GroupForm(forms.Form):
    """A mentor or facilitator starts a small group among the people they may reach."""

    programme = forms.TypedChoiceField(label=_("Programme"), coerce=int)
    title = forms.CharField(label=_("Name of the group"), max_length=120)
    people = forms.CharField(
        label=_("People"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Names or e-mail addresses, one per line or separated by commas (at most %(n)d).")
        % {"n": GROUP_LIMIT - 1},
    )  # fmt: skip

    def __init__(self, *args: Any, programmes: list[Any], reach: Any, **kwargs: Any) -> None:
        """``reach(programme, text) -> user`` finds the one person the starter may add
        (or raises ValidationError)."""
        super().__init__(*args, **kwargs)
        self.programmes = {p.pk: p for p in programmes}
        field = self.fields["programme"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(p.pk, p.name) for p in programmes]
        self.reach = reach

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        programme = self.programmes.get(data.get("programme") or 0)
        if programme is None or "people" not in data:
            return data
        names = [n.strip() for n in re.split(r"[,\n;]+", data["people"]) if n.strip()]
        if len(names) > GROUP_LIMIT - 1:
            self.add_error(
                "people",
                _("A group holds at most %(n)d people besides you.") % {"n": GROUP_LIMIT - 1},
            )
            return data
        found, problems = [], []
        for name in names:
            try:
                found.append(self.reach(programme, name))
            except forms.ValidationError as error:
                problems += error.messages
        if problems:
            self.add_error("people", " ".join(problems))
        data["programme"], data["people"] = programme, found
        return data
