"""The doors to programmes and memberships, and role requirements for views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from tandem.core.access import deny, object_or_404

from .models import Membership, MembershipStatus, Programme
from .selectors import programmes_of, roles_in


def programme_for_user(user: Any, slug: str, *, roles: frozenset[str] | None = None) -> Programme:
    """A programme ``user`` belongs to (holding one of ``roles`` if given), else 404."""
    if not user.is_authenticated:
        raise deny()
    programme = object_or_404(programmes_of(user), slug=slug)
    if roles is not None and not (roles & roles_in(user, programme)):
        raise deny()
    return programme


def membership_in(programme: Programme, membership_id: Any) -> Membership:
    return object_or_404(
        programme.memberships.filter(status=MembershipStatus.ACTIVE).select_related("user"),
        pk=membership_id,
    )


def programme_view(*roles: str) -> Callable[..., Any]:
    """Declare the programme roles a view needs: ``@programme_view(Role.PROGRAMME_LEAD)``.

    The view receives the programme instead of the slug. Anonymous people are
    sent to sign in; everyone else without the role gets the same 404 as for a
    programme that does not exist.
    """
    required = frozenset(roles) or None

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            programme = programme_for_user(request.user, slug, roles=required)
            return view(request, programme, *args, **kwargs)

        wrapper.required_roles = required  # type: ignore[attr-defined]
        return wrapper

    return decorator
