"""What every mentoring view shares: the relationship door as a decorator and
the way a refused write is shown."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

from ..access import relationship_for_user
from ..models import Relationship


def relationship_view[R: HttpResponseBase](view: Callable[..., R]) -> Callable[..., R]:
    """The view receives the relationship (participants only; 404 for everyone else)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> R:
        return view(request, relationship_for_user(request.user, pk), *args, **kwargs)

    return wrapper


def errors_text(form: Form) -> str:
    """Every error of a form as one sentence, for a message after a redirect."""
    parts = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = f"{field.label}: " if field is not None and field.label else ""
        parts += [f"{label}{error}" for error in errors]
    return " ".join(parts)


def back_with_error(
    request: HttpRequest, error: ValidationError, to: str, *args: Any
) -> HttpResponse:
    messages.error(request, " ".join(error.messages))
    return redirect(to, *args)


def relationship_url(relationship: Relationship, anchor: str = "") -> str:
    return reverse("mentoring:relationship", args=[relationship.pk]) + anchor
