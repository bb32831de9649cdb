"""The showcase's sections of a month's newsletter: what facilitators featured
and the celebrations they marked that month, where every member can read them."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from tandem.community.access import community_wide_spaces
from tandem.community.models import Space
from tandem.newsletter.highlights import Highlight, Section

from .models import Feature
from .selectors import community_wide

TOP = 6


def _month(community: Space, start: datetime, end: datetime, celebration: bool) -> list[Highlight]:
    features = Feature.objects.filter(
        space__in=community_wide_spaces(community), celebration=celebration,
        created_at__gte=start, created_at__lt=end,
    ).select_related("author", "space").order_by("created_at")  # fmt: skip
    return [
        Highlight(f.title, f.url, " — ".join(p for p in (str(f.author or ""), f.note) if p))
        for f in community_wide(community, features)[:TOP]
    ]


def featured(community: Space, start: datetime, end: datetime) -> Section | None:
    items = _month(community, start, end, celebration=False)
    return Section(_("Featured this month"), items) if items else None


def celebrations(community: Space, start: datetime, end: datetime) -> Section | None:
    items = _month(community, start, end, celebration=True)
    return Section(_("Celebrations"), items) if items else None
