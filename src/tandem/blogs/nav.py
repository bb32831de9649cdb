from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.core.navigation import NavItem

from .selectors import recent_posts


def blog_items(request: HttpRequest) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    return [NavItem(_("Blogs"), reverse("blogs:home"), 32)]


def space_panel(request: HttpRequest, *, space: Any, **context: Any) -> str:
    """The posts shared with a space (or, on the community's page, with the community)."""
    return render_to_string(
        "blogs/_space_panel.html", {"posts": recent_posts(request.user, space=space, limit=10)},
        request=request,
    )  # fmt: skip
