"""Who may see a piece of content: one enum and one queryset filter.

Every list, search, feed, notification, e-mail and export calls
:func:`filter_visible` (or :func:`visible_q`); nothing filters by hand.

Core knows no feature app, so the audiences behind "my mentors", "group" and
"community" come from providers that feature apps register at start-up
(``register_audience``). A kind with no provider matches nobody, which is the
safe failure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Only me")
    MY_MENTORS = "mentors", _("Me and my mentors")
    GROUP = "group", _("A group I choose")
    COMMUNITY = "community", _("The programme community")
    PUBLIC = "public", _("Anyone on the web")


# viewer -> a queryset or iterable of ids (a subquery is best)
AudienceKind = Literal["mentees", "programmes", "peers", "groups"]
AudienceProvider = Callable[[Any], Any]
_AUDIENCES: dict[str, list[AudienceProvider]] = {
    "mentees": [],  # ids of users whose mentor (or coach) the viewer is
    "programmes": [],  # ids of programmes whose community the viewer belongs to
    "peers": [],  # ids of users who share a programme community with the viewer
    "groups": [],  # ids of groups the viewer belongs to
}


def register_audience(kind: AudienceKind, provider: AudienceProvider) -> None:
    if provider not in _AUDIENCES[kind]:
        _AUDIENCES[kind].append(provider)


def _in_audience(kind: AudienceKind, field: str, viewer: Any) -> Q:
    q = Q(pk__in=[])
    for provider in _AUDIENCES[kind]:
        q |= Q(**{f"{field}__in": provider(viewer)})
    return q


def visible_q(
    viewer: Any,
    *,
    owner_field: str = "owner",
    visibility_field: str = "visibility",
    programme_field: str | None = None,
    group_field: str | None = None,
) -> Q:
    """The condition under which ``viewer`` may see a row.

    ``programme_field`` names the programme whose community a COMMUNITY row
    is shared with; without it COMMUNITY means "people who share a
    programme with the owner".
    """
    public = Q(**{visibility_field: Visibility.PUBLIC})
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return public
    community = (
        _in_audience("programmes", programme_field, viewer)
        if programme_field
        else _in_audience("peers", owner_field, viewer)
    )
    condition = (
        Q(**{owner_field: viewer.pk})
        | public
        | (Q(**{visibility_field: Visibility.COMMUNITY}) & community)
        | (
            Q(**{visibility_field: Visibility.MY_MENTORS})
            & _in_audience("mentees", owner_field, viewer)
        )
    )
    if group_field:
        condition |= Q(**{visibility_field: Visibility.GROUP}) & _in_audience(
            "groups", group_field, viewer
        )
    return condition


def filter_visible[M: models.Model](
    queryset: QuerySet[M], viewer: Any, **fields: str | None
) -> QuerySet[M]:
    return queryset.filter(visible_q(viewer, **fields))  # type: ignore[arg-type]
