from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        extra = getattr(form, "cleaned_data", {})
        user.email = user.email.lower()
        user.display_name = extra.get("display_name", "") or ""
        if extra.get("time_zone"):
            user.time_zone = extra["time_zone"]
        if commit:
            user.save()
        return user
