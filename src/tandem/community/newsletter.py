"""The community's section of a month's newsletter: who joined."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.newsletter.highlights import Section

from .models import MemberStatus, Space
from .selectors import member_user_ids

NAMED = 6


def new_members(community: Space, start: datetime, end: datetime) -> Section | None:
    joined = (
        get_user_model()
        .objects.filter(pk__in=member_user_ids(community))
        .filter(
            Q(space_memberships__space=community, space_memberships__status=MemberStatus.ACTIVE,
              space_memberships__joined_at__gte=start, space_memberships__joined_at__lt=end)
            | Q(memberships__programme_id=community.programme_id,
                memberships__joined_at__gte=start, memberships__joined_at__lt=end)
        )
        .distinct()
        .order_by("display_name", "pk")
    )  # fmt: skip
    people: list[Any] = list(joined[: NAMED + 1])
    if not people:
        return None
    total = joined.count() if len(people) > NAMED else len(people)
    names = [str(p) for p in people[:NAMED]]
    others = total - len(names)
    if others:
        listed = _("%(names)s and %(n)d others") % {"names": ", ".join(names), "n": others}
    elif len(names) > 1:
        listed = _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
    else:
        listed = names[0]
    text = ngettext(
        "A warm welcome to %(people)s, who joined us this month.",
        "A warm welcome to %(people)s, who joined us this month.",
        total,
    ) % {"people": listed}
    return Section(_("Welcome to new members"), text=text)
