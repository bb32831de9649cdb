from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ResourceKind


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you sharing?"), choices=ResourceKind.choices, initial=ResourceKind.LINK,
        widget=forms.RadioSelect,
    )  # fmt: skip
    title = forms.CharField(label=_("Title"), max_length=160)
    url = forms.CharField(
        label=_("Address (for a link)"), max_length=500, required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )  # fmt: skip
    upload = forms.FileField(
        label=_("File or video"), required=False,
        help_text=_("Documents, slides, spreadsheets, PDFs and images; videos as WebM or MP4."),
    )  # fmt: skip
    captions = forms.FileField(
        label=_("Captions for a video (optional)"), required=False,
        help_text=_("A WebVTT (.vtt) or SubRip (.srt) file."),
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,.srt,text/vtt"}),
    )  # fmt: skip
    captions_language = forms.CharField(
        label=_("Language of the captions"), max_length=12, required=False, initial="en",
        help_text=_("A code such as en, mi or fr-CA."),
    )  # fmt: skip
    description = forms.CharField(
        label=_("What it is and how you use it"), max_length=10_000, required=False,
        widget=forms.Textarea(attrs={"rows": 5}), help_text=_("Markdown."),
    )  # fmt: skip
    tags = forms.CharField(
        label=_("Tags"), max_length=400, required=False,
        help_text=_("Separate tags with commas, e.g. reading, wait time, Year 7."),
    )  # fmt: skip
    remove_captions = forms.BooleanField(label=_("Remove the captions"), required=False)

    def __init__(self, *args: Any, editing: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing is None:
            del self.fields["remove_captions"]
            return
        del self.fields["kind"]
        if editing.kind == ResourceKind.LINK:
            for name in ("upload", "captions", "captions_language", "remove_captions"):
                del self.fields[name]
            return
        del self.fields["url"]
        self.fields["upload"].label = _("Replace the file (optional)")
        if editing.kind != ResourceKind.VIDEO:
            for name in ("captions", "captions_language", "remove_captions"):
                del self.fields[name]
        elif not editing.captions:
            del self.fields["remove_captions"]
