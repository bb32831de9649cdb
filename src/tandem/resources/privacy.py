from __future__ import annotations

from typing import Any

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import Resource


@register
class ResourcesPrivacy(PrivacyProvider):
    app_label = "resources"
    models = [Resource]
    description = "The files, links and videos you added to libraries."
    order = 36

    def export(self, user: Any) -> ExportPart:
        part = ExportPart()
        resources = Resource.objects.filter(added_by=user).select_related("space")
        for r in resources:
            name = f"resources/{r.pk}-{r.filename}" if r.file else ""
            entry = {"title": r.title, "kind": r.kind, "space": r.space.name, "url": r.url,
                     "description": r.description, "added_at": r.created_at,
                     "file": name}  # fmt: skip
            part.data.setdefault("resources", []).append(entry)
            if r.file:
                part.files.append((name, r.file))
        return part

    def erase(self, user: Any, *, pseudonym: str) -> None:
        """What a person shared is theirs: it leaves the libraries with them."""
        from .services import resource_remove

        for resource in Resource.objects.filter(added_by=user).select_related("space__programme"):
            resource_remove(actor=user, resource=resource)
