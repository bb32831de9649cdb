from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.community.models import Space
from tandem.community.selectors import community_id_of
from tandem.core.visibility import Visibility

from .models import Post


class PostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    body = forms.CharField(
        label=_("Post"), max_length=50_000, widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Markdown. Mention someone with @ and their handle, e.g. @mere-tane."),
    )  # fmt: skip
    share = forms.ChoiceField(label=_("Who can read it"))

    def __init__(self, *args: Any, options: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["share"].choices = options  # type: ignore[attr-defined]

    @staticmethod
    def share_of(post: Post) -> str:
        if post.visibility == Visibility.GROUP and post.space_id:
            return f"group:{post.space_id}"
        if post.visibility == Visibility.COMMUNITY and post.programme_id:
            root = community_id_of(post.programme_id)
            return f"community:{root}" if root else Visibility.PRIVATE.value
        return post.visibility

    def placement(self) -> tuple[str, Space | None]:
        value = self.cleaned_data["share"]
        kind, _sep, pk = value.partition(":")
        if kind in ("group", "community"):
            space = Space.objects.filter(pk=int(pk)).first() if pk.isdigit() else None
            return (Visibility.GROUP if kind == "group" else Visibility.COMMUNITY), space
        return value, None


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown; @handle mentions someone."),
    )  # fmt: skip
