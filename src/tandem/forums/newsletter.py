"""The discussions section of a month's newsletter: the most discussed topics
in the spaces every member reads."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.community.access import community_wide_spaces
from tandem.community.models import Space
from tandem.newsletter.highlights import Highlight, Section

from .models import State, Topic

TOP = 5


def most_discussed(community: Space, start: datetime, end: datetime) -> Section | None:
    in_month = Q(
        posts__state=State.VISIBLE, posts__number__gt=1,
        posts__created_at__gte=start, posts__created_at__lt=end,
    )  # fmt: skip
    topics = (
        Topic.objects.filter(space__in=community_wide_spaces(community), state=State.VISIBLE)
        .annotate(replies=Count("posts", filter=in_month))
        .filter(Q(replies__gt=0) | Q(created_at__gte=start, created_at__lt=end))
        .select_related("space")
        .order_by("-replies", "-last_posted_at")[:TOP]
    )
    items = [
        Highlight(
            t.title, reverse("forums:topic", args=[t.pk]),
            ngettext("%(n)d reply this month in %(space)s", "%(n)d replies this month in %(space)s",
                     t.replies) % {"n": t.replies, "space": t.space.name}
            if t.replies else _("new in %(space)s") % {"space": t.space.name},
        )
        for t in topics
    ]  # fmt: skip
    return Section(_("Most discussed"), items) if items else None
