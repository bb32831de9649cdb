"""The notification list, settings, and the unsubscribe link that needs no login."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tandem.core.access import deny, object_or_404

from . import kinds, selectors, services
from .forms import SettingsForm
from .models import Notification
from .tokens import read_unsubscribe_token


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    # Unread ones about what the person can no longer see stop counting.
    unread = list(
        Notification.objects.filter(recipient_id=request.user.pk, read_at__isnull=True)[:200]
    )
    shown = {n.pk for n in selectors.still_visible(request.user, unread)}
    services.notifications_forget_hidden(
        user=request.user, hidden_ids={n.pk for n in unread} - shown
    )
    items = selectors.page_of(request.user, unread_only=unread_only)
    return render(request, "notifications/list.html", {"items": items, "unread_only": unread_only})


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    notification = object_or_404(Notification.objects.filter(recipient_id=request.user.pk), pk=pk)
    if not selectors.still_visible(request.user, [notification]):
        raise deny()
    services.notification_open(user=request.user, notification=notification)
    url = notification.url
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        url = "/"
    return redirect(url)


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("Everything is marked as read."))
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    channels = selectors.channels_for(user)
    profile = user.profile  # type: ignore[union-attr]
    initial = {"email": profile.notify_by_email, "digest": profile.digest_frequency}
    initial.update({f"kind_{key}": channel for key, channel in channels.items()})
    form = SettingsForm(request.POST or None, initial=initial, kinds=kinds.all_kinds())
    if request.method == "POST" and form.is_valid():
        services.settings_save(
            user=user, channels=form.channels(), email=form.cleaned_data["email"],
            digest=form.cleaned_data["digest"],
        )  # fmt: skip
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
    return render(
        request, "notifications/settings.html", {"form": form},
        status=400 if form.errors else 200,
    )  # fmt: skip


@csrf_exempt  # the signed token is the credential; mail clients POST it (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    parsed = read_unsubscribe_token(token)
    if parsed is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    what = parsed[1]
    kind = kinds.get(what)
    label = kind.label if kind else None
    if request.method == "POST":
        done = services.unsubscribe(token=token)
        if done is None:
            return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
        return render(
            request, "notifications/unsubscribe.html", {"done": True, "what": what, "label": label}
        )
    return render(
        request, "notifications/unsubscribe.html", {"what": what, "label": label, "token": token}
    )
