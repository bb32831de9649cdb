from __future__ import annotations

from typing import Any

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import SearchEntry


@register
class SearchPrivacy(PrivacyProvider):
    """The index is a copy of what other apps hold (and export); erasing a
    person removes the copies of their words."""

    app_label = "search"
    models = [SearchEntry]
    description = "The search index: a copy of your posts, kept so others can find them."
    order = 90

    def export(self, user: Any) -> ExportPart:
        return ExportPart(data={})

    def erase(self, user: Any, *, pseudonym: str) -> None:
        SearchEntry.objects.filter(author=user).delete()
