"""Reads about the newsletter, already limited to what the viewer may see."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet

from tandem.community.models import Space
from tandem.community.selectors import member_user_ids

from .models import Delivery, DeliveryState, Issue, IssueState, Subscription


def archive(community: Space, *, runs: bool) -> QuerySet[Issue]:
    issues = Issue.objects.filter(community=community).select_related("created_by")
    return issues if runs else issues.filter(state=IssueState.SENT)


def latest(community: Space) -> Issue | None:
    return (
        Issue.objects.filter(community=community, state=IssueState.SENT)
        .order_by("-sent_at", "-pk")
        .first()
    )


def recipients(community: Space) -> QuerySet[Any]:
    """Active members of the community who asked to receive its newsletter."""
    return (
        get_user_model()
        .objects.filter(pk__in=member_user_ids(community), is_active=True)
        .filter(
            pk__in=Subscription.objects.filter(community=community, subscribed=True).values(
                "user_id"
            )
        )
    )


def is_subscribed(user: Any, community: Space) -> bool:
    return Subscription.objects.filter(
        community=community, user_id=user.pk, subscribed=True
    ).exists()


def progress(issue: Issue) -> dict[str, int]:
    """How many deliveries are in each state (sent, pending, …) and in all."""
    counts = dict(
        Delivery.objects.filter(issue=issue)
        .values("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    result = {state: counts.get(state, 0) for state in DeliveryState.values}
    result["total"] = sum(counts.values())
    return result
