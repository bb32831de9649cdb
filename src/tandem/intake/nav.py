from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.core.navigation import NavItem


def intake_items(request: HttpRequest) -> list[NavItem]:
    return [NavItem(_("Join a programme"), reverse("intake:open"), 15)]
