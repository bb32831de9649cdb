"""Featuring content and marking celebrations on a space's front page."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.community.models import Space
from tandem.core.audit import log_action
from tandem.notifications.services import notify

from .access import feature_places
from .models import Feature
from .registry import featurable


def _end(actor: Any, ends_on: date | None) -> datetime | None:
    """The start of ``ends_on`` in the actor's time zone."""
    if ends_on is None:
        return None
    zone = ZoneInfo(getattr(actor, "time_zone", "") or "UTC")
    ends_at = datetime.combine(ends_on, time.min, tzinfo=zone)
    if ends_at <= timezone.now():
        raise ValidationError(_("The end must be a day still to come."))
    return ends_at


@transaction.atomic
def feature_add(
    *,
    actor: Any,
    space: Space,
    kind: str = "",
    object_id: int | None = None,
    title: str = "",
    note: str = "",
    celebration: bool = False,
    ends_on: date | None = None,
) -> Feature:
    """Feature a piece of content (``kind`` and ``object_id``) on ``space``'s front
    page, or mark a celebration that stands alone (``title`` only)."""
    if not feature_places(actor).filter(pk=space.pk).exists():
        raise ValidationError(_("Only this space's moderators can feature things here."))
    feature = Feature(
        space=space, note=note.strip(), celebration=celebration, featured_by=actor,
        ends_at=_end(actor, ends_on),
    )  # fmt: skip
    if kind:
        spec = featurable(kind)
        content = spec.find(actor, object_id) if spec is not None else None
        if spec is None or content is None:
            raise ValidationError(_("That post is not there any more, or you cannot read it."))
        if Feature.objects.filter(space=space, kind=kind, object_id=object_id).exists():
            raise ValidationError(_("That is already featured in %(space)s.") % {"space": space})
        facts = spec.facts(content)
        feature.kind, feature.object_id = kind, object_id
        feature.title, feature.url, feature.author = facts.title[:160], facts.url, facts.author
    else:
        feature.title, feature.celebration = title.strip()[:160], True
        if not feature.title:
            raise ValidationError(_("Say what you are celebrating."))
    feature.save()
    log_action(actor, "feature.added", space, {"celebration": feature.celebration},
               scope=space.programme)  # fmt: skip
    if feature.author is not None and feature.author != actor:
        notify(
            recipients=[feature.author], kind="showcase.featured", actor=actor, target=feature,
            summary=(_("“%(title)s” is celebrated in %(space)s") if celebration
                     else _("“%(title)s” is featured in %(space)s"))
            % {"title": feature.title, "space": space.name},
            url=reverse("community:space", args=[space.pk]), dedupe_key=f"feature:{feature.pk}",
        )  # fmt: skip
    return feature


@transaction.atomic
def feature_remove(*, actor: Any, feature: Feature) -> None:
    log_action(actor, "feature.removed", feature.space, scope=feature.space.programme)
    feature.delete()
