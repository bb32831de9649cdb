"""The access-door pattern shared by every app.

Each protected kind has exactly one function in its app's ``access.py``
(``relationship_for_user(user, pk, *, write=False)``) that returns the
object or raises :class:`~django.http.Http404`: the same answer for
"missing" and "not yours", so nothing leaks. Those functions build on
:func:`object_or_404`, which also turns malformed ids into 404s.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404


def deny() -> Http404:
    """The one refusal: callers ``raise deny()``. Never says why."""
    return Http404("Not found")


def object_or_404[M: Model](queryset: QuerySet[M], **lookup: Any) -> M:
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError, OverflowError):
        raise deny() from None
