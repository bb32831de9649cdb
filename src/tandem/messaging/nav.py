from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.core.navigation import NavItem

from .selectors import unread_total


def messaging_items(request: HttpRequest) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    return [
        NavItem(_("Messages"), reverse("messaging:inbox"), 25, badge=unread_total(request.user))
    ]
