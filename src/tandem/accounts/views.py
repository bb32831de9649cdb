from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from tandem.core import calendar
from tandem.core.access import deny

from . import services
from .access import person_for_viewer
from .choices import country_name
from .forms import AccountDeleteForm, ProfileForm
from .models import User


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    profile = user.profile
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=profile, user=user)
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if k != "avatar"}
            avatar: Any = None
            if "avatar" in form.changed_data:
                avatar = form.cleaned_data["avatar"] or False
            services.profile_update(actor=user, user=user, values=values, avatar=avatar)
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile_edit")
        profile.refresh_from_db()  # the form mutated the instance; show stored values
    else:
        form = ProfileForm(instance=profile, user=user)
    return render(request, "accounts/profile_edit.html", {"form": form, "profile": profile})


@login_required
def person_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    person = person_for_viewer(request.user, user_id)
    return render(
        request,
        "accounts/person_detail.html",
        {
            "person": person,
            "profile": person.profile,
            "country": country_name(person.profile.country),
            "local_now": timezone.now(),
        },
    )


@login_required
def person_avatar(request: HttpRequest, user_id: int) -> HttpResponseBase:
    person = person_for_viewer(request.user, user_id)
    if not person.profile.avatar:
        raise deny()
    try:
        handle = person.profile.avatar.open("rb")
    except OSError:
        raise deny() from None
    response = FileResponse(handle, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@never_cache
def privacy_center(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/privacy.html", {"delete_form": AccountDeleteForm(user=_user(request))}
    )


@login_required
@require_POST
def data_export(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    payload = services.account_export(user=user)
    stamp = timezone.now().strftime("%Y%m%d")
    response = HttpResponse(payload, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="tandem-my-data-{stamp}.zip"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def account_delete(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = AccountDeleteForm(request.POST, user=user)
    if not form.is_valid():
        return render(request, "accounts/privacy.html", {"delete_form": form}, status=400)
    services.account_delete(user=user)
    logout(request)
    messages.info(request, _("Your account is deleted. Thank you for taking part."))
    return redirect("home")


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """The private address calendar apps subscribe to, and a way to replace it."""
    if request.method == "POST":
        calendar.feed_revoke(actor=request.user)
        messages.success(
            request, _("You have a new calendar address. The old one no longer works.")
        )
        return redirect("accounts:calendar")
    token = calendar.feed_token(request.user)
    url = request.build_absolute_uri(reverse("accounts:calendar_feed", args=[token]))
    return render(request, "accounts/calendar.html", {"feed_url": url})


@never_cache
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design (calendar apps cannot sign in): the token is the credential."""
    user = calendar.user_for_token(token)
    if user is None:
        raise deny()
    body = calendar.to_ics(calendar.items_for(user), name=f"{settings.SITE_NAME} — {user}")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tandem.ics"'
    return response
