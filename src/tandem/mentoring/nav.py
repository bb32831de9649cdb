from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.core.navigation import NavItem

from .selectors import is_guide


def mentoring_items(request: HttpRequest) -> list[NavItem]:
    if not request.user.is_authenticated or not is_guide(request.user):
        return []
    return [NavItem(_("My caseload"), reverse("mentoring:caseload"), 20)]
