from __future__ import annotations

from typing import Any

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import Flag, ReviewItem


@register
class ModerationPrivacy(PrivacyProvider):
    app_label = "moderation"
    models = [Flag, ReviewItem]
    description = "The posts you flagged for moderators, and reviews of your own posts."
    order = 45

    def export(self, user: Any) -> ExportPart:
        return ExportPart(
            data={
                "flags_raised": [
                    {"kind": f.kind, "reason": f.reason, "note": f.note, "at": f.created_at}
                    for f in Flag.objects.filter(reporter=user)
                ],
                "reviews_of_my_posts": [
                    {"space": i.space.name, "reason": i.reason, "outcome": i.outcome,
                     "note": i.note, "opened_at": i.opened_at, "resolved_at": i.resolved_at}
                    for i in ReviewItem.objects.filter(author=user).select_related("space")
                ],
            }
        )  # fmt: skip

    def erase(self, user: Any, *, pseudonym: str) -> None:
        """Flags are the flagger's word: they go. Reviews stay for the space's
        record, no longer naming the author (their posts are erased by their apps)."""
        Flag.objects.filter(reporter=user).delete()
        ReviewItem.objects.filter(author=user).update(author=None)
        ReviewItem.objects.filter(resolved_by=user).update(resolved_by=None)
