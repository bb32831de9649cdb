from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import BODY_MAX, SUBJECT_MAX


class IssueForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    body = forms.CharField(
        label=_("Newsletter"), max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_("Markdown: ## for a heading, - for a list, [words](link) for a link."),
    )  # fmt: skip
