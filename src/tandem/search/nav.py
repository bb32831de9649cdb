from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.core.navigation import NavItem


def search_items(request: HttpRequest) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    return [NavItem(_("Search"), reverse("search:search"), 32)]
