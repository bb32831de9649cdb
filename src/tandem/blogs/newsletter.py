"""The blogs section of a month's newsletter: the reflections shared with the
whole community that drew the most comments and reactions."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.community.models import Space
from tandem.core.visibility import Visibility
from tandem.newsletter.highlights import Highlight, Section

from .models import Post
from .services import post_url

TOP = 5


def most_engaged(community: Space, start: datetime, end: datetime) -> Section | None:
    posts = (
        Post.objects.filter(
            visibility__in=[Visibility.COMMUNITY, Visibility.PUBLIC],
            programme_id=community.programme_id,
        )
        .filter(published_at__lt=end)
        .annotate(
            comment_n=Count(
                "comments",
                distinct=True,
                filter=Q(
                    comments__removed_at__isnull=True,
                    comments__created_at__gte=start,
                    comments__created_at__lt=end,
                ),
            ),
            reaction_n=Count(
                "reactions",
                distinct=True,
                filter=Q(reactions__created_at__gte=start, reactions__created_at__lt=end),
            ),
        )
        .filter(Q(published_at__gte=start) | Q(comment_n__gt=0) | Q(reaction_n__gt=0))
        .select_related("author")
        .order_by("-comment_n", "-reaction_n", "-published_at")[:TOP]
    )
    items = []
    for post in posts:
        bits = [_("by %(name)s") % {"name": post.author}]
        if post.comment_n:
            bits.append(
                ngettext("%(n)d comment", "%(n)d comments", post.comment_n) % {"n": post.comment_n}
            )
        if post.reaction_n:
            bits.append(
                ngettext("%(n)d reaction", "%(n)d reactions", post.reaction_n)
                % {"n": post.reaction_n}
            )
        items.append(Highlight(post.title, post_url(post), ", ".join(bits)))
    return Section(_("From members' blogs"), items) if items else None
