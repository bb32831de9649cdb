from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.core.navigation import NavItem

from .selectors import waiting_count


def moderation_items(request: HttpRequest) -> list[NavItem]:
    """Only moderators with something waiting see the queue in the menu."""
    if not request.user.is_authenticated:
        return []
    waiting = waiting_count(request.user)
    if not waiting:
        return []
    return [NavItem(_("Review"), reverse("moderation:queue"), 85, badge=waiting)]
