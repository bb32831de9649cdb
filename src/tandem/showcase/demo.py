"""Demo showcase: a reflection, a discussion and a video featured, and two
celebrations, chosen by Sione (the facilitator)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.apps import apps
from django.db.models import Max
from django.utils import timezone

from tandem.core.models import AuditEntry
from tandem.notifications.services import no_email

from . import services
from .models import Feature

# (where, model "app.Model", title field value, registered kind, days ago, celebration, note)
FEATURED = [
    ("community", "blogs.Post", "What ten seconds of wait time did", "blog-post", 9, False,
     "One small change, tried for a week, written up honestly. This is what reflection looks like."),
    ("Maths across the distance", "forums.Topic", "Maths manipulatives when students are at home",
     "forum-topic", 6, False,
     "Twenty ideas for hands-on maths with what families already have. Add yours."),
    ("Maths across the distance", "resources.Resource", "Wait time in a video lesson", "resource",
     4, False, "Sixteen seconds that changed how three of our mentees ask questions."),
]  # fmt: skip

CELEBRATIONS = [
    ("community", 12, "Eleven teachers finished their first term of mentoring",
     "Every one of them met their mentor at least fortnightly through the storms. Ka pai!"),
    ("Maths across the distance", 2, "Every Year 5–8 learner at Kiri's school now has a maths kit at home",
     "Kits posted with the help of the marae office — see Kiri's reflection on wait time."),
]  # fmt: skip


def seed(context: dict[str, Any]) -> None:
    with no_email():
        _seed(context)


def _place(context: dict[str, Any], where: str) -> Any:
    return context["community"] if where == "community" else context["spaces"][where]


def _seed(context: dict[str, Any]) -> None:
    sione = context["people"]["facilitator"]
    now = timezone.now()
    before = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
    made: list[tuple[Feature, int]] = []
    for where, model, title, kind, days, celebration, note in FEATURED:
        content = apps.get_model(model).objects.get(title=title)
        feature = services.feature_add(
            actor=sione, space=_place(context, where), kind=kind, object_id=content.pk,
            note=note, celebration=celebration,
        )  # fmt: skip
        made.append((feature, days))
    for where, days, title, note in CELEBRATIONS:
        made.append((
            services.feature_add(actor=sione, space=_place(context, where), title=title, note=note),
            days,
        ))  # fmt: skip
    for feature, days in made:
        Feature.objects.filter(pk=feature.pk).update(created_at=now - timedelta(days=days))
    # the history reads in order: these happened days ago, not at seeding time
    AuditEntry.objects.filter(pk__gt=before, verb="feature.added").update(
        created_at=now - timedelta(days=3)
    )
