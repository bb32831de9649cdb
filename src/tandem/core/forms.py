"""Form pieces shared by every app."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _


class TagsField(forms.CharField):
    """Comma-separated tags in, a clean list of short unique tags out."""

    def __init__(self, *, max_tags: int = 20, max_tag_length: int = 40, **kwargs: Any) -> None:
        self.max_tags = max_tags
        self.max_tag_length = max_tag_length
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", max_tags * (max_tag_length + 2))
        kwargs.setdefault("help_text", _("Separate with commas."))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        tags: list[str] = []
        for raw in text.split(","):
            tag = re.sub(r"\s+", " ", raw).strip()
            if not tag:
                continue
            if len(tag) > self.max_tag_length:
                raise ValidationError(
                    _("“%(tag)s…” is too long: keep each item under %(n)d characters."),
                    params={"tag": tag[:20], "n": self.max_tag_length},
                )
            if tag.casefold() not in {t.casefold() for t in tags}:
                tags.append(tag)
        if len(tags) > self.max_tags:
            raise ValidationError(_("Give at most %(n)d items."), params={"n": self.max_tags})
        return tags


class LongSelect(forms.Select):
    """A flat single-choice select with hundreds of options (time zones, countries).

    Django renders each option through its own template, which costs ~50 ms for
    the 600 time zones; this builds the same markup in Python. Option groups are
    not supported: choices must be flat (value, label) pairs.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (v, SafeString(" selected") if str(v) in chosen else "", label)
                for v, label in self.choices
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


class IdsChoiceField(forms.ModelMultipleChoiceField[Any]):
    """A multiple choice of rows by integer id that refuses ids no database can hold
    (SQLite raises OverflowError past 2**63) with a field error instead of a 500."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            text = str(pk)
            if not text.isdigit() or len(text) > 18:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                    params={"pk": text[:40]},
                )  # fmt: skip
        return super()._check_values(value)  # type: ignore[misc]


class LocalDateTimeInput(forms.DateTimeInput):
    """A browser date-time picker; the value is read in the person's own time zone."""

    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)
