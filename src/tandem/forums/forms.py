from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PinScope, TopicKind, WatchLevel

BODY_HELP = _("Markdown. Mention someone with @ and their handle.")


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    kind = forms.ChoiceField(
        label=_("What is it?"), choices=TopicKind.choices, initial=TopicKind.DISCUSSION,
        widget=forms.RadioSelect,
    )  # fmt: skip
    body = forms.CharField(
        label=_("Your first post"), max_length=30_000, help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 10}),
    )  # fmt: skip


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), max_length=30_000, help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 6}),
    )  # fmt: skip
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160, required=False)
    body = forms.CharField(
        label=_("Post"), max_length=30_000, help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 10}),
    )  # fmt: skip

    def __init__(self, *args: Any, opening: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not opening:
            del self.fields["title"]
        else:
            self.fields["title"].required = True


class WatchForm(forms.Form):
    level = forms.ChoiceField(choices=WatchLevel.choices)


class PinForm(forms.Form):
    scope = forms.ChoiceField(label=_("Pin"), choices=PinScope.choices, required=False)
    until = forms.DateField(
        label=_("Until (optional)"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The pin ends at the start of this day; leave empty to keep it."),
    )  # fmt: skip
