from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.core.navigation import NavItem

from .selectors import unread_count


def notification_items(request: HttpRequest) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    return [
        NavItem(
            _("Notifications"), reverse("notifications:list"), 90,
            badge=unread_count(request.user),
        )
    ]  # fmt: skip
