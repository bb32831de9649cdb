from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.core.navigation import NavItem


def programme_items(request: HttpRequest) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    return [
        NavItem(_("Home"), reverse("home"), 0),
        NavItem(_("Programmes"), reverse("programmes:list"), 10),
    ]
