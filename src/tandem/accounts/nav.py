from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.core.navigation import NavItem


def account_items(request: HttpRequest) -> list[NavItem]:
    if not request.user.is_authenticated:
        return [
            NavItem(_("Sign in"), reverse("account_login"), 90),
            NavItem(_("Create an account"), reverse("account_signup"), 91),
        ]
    return [
        NavItem(_("My profile"), reverse("accounts:profile_edit"), 80),
        NavItem(_("Account and privacy"), reverse("accounts:privacy"), 85),
    ]
