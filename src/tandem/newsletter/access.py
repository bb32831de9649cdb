"""Who may open a community's newsletter and its issues.

- The archive and every sent issue: anyone who may read the community.
- Drafts and issues being sent, writing and sending: the programme's
  facilitators and leads (who run the community).

Everything else gets the same 404 as an issue that does not exist."""

from __future__ import annotations

from typing import Any

from tandem.community.access import readable_spaces, runs_community
from tandem.community.models import Space
from tandem.core.access import deny, object_or_404

from .models import Issue, IssueState


def community_for(user: Any, pk: Any) -> Space:
    """A community ``user`` may read, with ``runs`` (may write the newsletter)."""
    if not getattr(user, "is_authenticated", False):
        raise deny()
    community = object_or_404(
        readable_spaces(user).filter(parent__isnull=True).select_related("programme"), pk=pk
    )
    community.runs = runs_community(user, community.programme_id)  # type: ignore[attr-defined]
    return community


def run_community_for(user: Any, pk: Any) -> Space:
    community = community_for(user, pk)
    if not community.runs:  # type: ignore[attr-defined]
        raise deny()
    return community


def issue_for(user: Any, pk: Any) -> Issue:
    """An issue ``user`` may read (a draft only if they run its community)."""
    if not getattr(user, "is_authenticated", False):
        raise deny()
    issue = object_or_404(
        Issue.objects.filter(
            community__in=readable_spaces(user).filter(parent__isnull=True)
        ).select_related("community__programme", "created_by", "sent_by"),
        pk=pk,
    )
    issue.runs = runs_community(user, issue.community.programme_id)  # type: ignore[attr-defined]
    if issue.state != IssueState.SENT and not issue.runs:  # type: ignore[attr-defined]
        raise deny()
    return issue


def run_issue_for(user: Any, pk: Any) -> Issue:
    issue = issue_for(user, pk)
    if not issue.runs:  # type: ignore[attr-defined]
        raise deny()
    return issue
