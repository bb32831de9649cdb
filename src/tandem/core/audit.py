"""The audit log: ``log_action(actor, verb, target, data)`` and readable history.

Feature apps register a sentence per verb so programme leads read
"Aroha Ngata changed the roles of Sam Lee" instead of ``membership.roles_set``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

_VERBS: dict[str, Any] = {}


def register_verbs(verbs: Mapping[str, Any]) -> None:
    """Register human sentences: ``{"programme.created": _("created {target}")}``."""
    _VERBS.update(verbs)


def user_label(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return str(_("System"))
    return str(getattr(user, "display_name", "") or getattr(user, "email", "") or user.pk)


def _ref(obj: models.Model | None) -> tuple[ContentType | None, str, str]:
    if obj is None:
        return None, "", ""
    return ContentType.objects.get_for_model(obj), str(obj.pk), str(obj)[:300]


def log_action(
    actor: Any,
    verb: str,
    target: models.Model | None,
    data: Mapping[str, Any] | None = None,
    *,
    scope: models.Model | None = None,
) -> AuditEntry:
    """Record a consequential write. Call inside the service's transaction."""
    target_type, target_id, target_label = _ref(target)
    scope_type, scope_id, _label = _ref(scope)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_label=user_label(actor),
        verb=verb,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label,
        scope_type=scope_type,
        scope_id=scope_id,
        data=dict(data or {}),
    )


def entries_for_scope(scope: models.Model) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        scope_type=ContentType.objects.get_for_model(scope), scope_id=str(scope.pk)
    ).select_related("target_type")


def describe(entry: AuditEntry) -> str:
    """The entry as a sentence (without the actor, who is shown apart)."""
    template = _VERBS.get(entry.verb)
    if template is None:
        return f"{entry.verb} {entry.target_label}".strip()
    values = {k: v for k, v in entry.data.items() if isinstance(v, str | int | float)}
    values.setdefault("target", entry.target_label)
    try:
        return str(template).format(**values)
    except (KeyError, IndexError, ValueError):
        return f"{entry.verb} {entry.target_label}".strip()
