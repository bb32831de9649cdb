from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .selectors import has_any_role

EXEMPT_PREFIXES = ("/accounts/", "/static/", "/favicon")


class RequireMfaMiddleware:
    """Staff and holders of the roles in TANDEM_MFA_REQUIRED_ROLES (programme
    leads by default) must set up an authenticator app before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_enrol(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_enrol(self, request: HttpRequest) -> bool:
        user = request.user
        if not settings.TANDEM_ENFORCE_MFA or not user.is_authenticated:
            return False
        if request.path.startswith(EXEMPT_PREFIXES):
            return False
        if not (user.is_staff or has_any_role(user, settings.TANDEM_MFA_REQUIRED_ROLES)):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
