from __future__ import annotations

from typing import Any

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import Feature


@register
class ShowcasePrivacy(PrivacyProvider):
    app_label = "showcase"
    models = [Feature]
    description = "What you featured or celebrated on spaces' front pages."
    order = 37

    def export(self, user: Any) -> ExportPart:
        return ExportPart(
            data={
                "featured_by_you": [
                    {"title": f.title, "note": f.note, "space": f.space.name,
                     "celebration": f.celebration, "at": f.created_at}
                    for f in Feature.objects.filter(featured_by=user).select_related("space")
                ],
                "your_work_featured": [
                    {"title": f.title, "space": f.space.name, "at": f.created_at}
                    for f in Feature.objects.filter(author=user).select_related("space")
                ],
            }
        )  # fmt: skip

    def erase(self, user: Any, *, pseudonym: str) -> None:
        """A feature of the person's own work goes with it; what they featured
        for others stays, without their name."""
        Feature.objects.filter(author=user).delete()
        Feature.objects.filter(featured_by=user).update(featured_by=None)
