from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.core.navigation import NavItem


def event_items(request: HttpRequest) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    return [NavItem(_("Events"), reverse("events:home"), 34)]
