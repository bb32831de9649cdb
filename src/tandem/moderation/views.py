"""Thin views: flag something, and the moderators' review queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .access import flaggable_for, review_item_for
from .forms import FlagForm, ReviewForm


@login_required
@require_http_methods(["GET", "POST"])
def flag(request: HttpRequest, kind: str, pk: str) -> HttpResponse:
    flaggable, target = flaggable_for(request.user, kind, pk)
    facts = flaggable.facts(target)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_add(
                actor=request.user, flaggable=flaggable, target=target,
                reason=form.cleaned_data["reason"], note=form.cleaned_data["note"],
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. The space's moderators will look at it."))
            return redirect(facts.url)
    return render(
        request, "moderation/flag.html", {"form": form, "facts": facts, "kind": flaggable},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("space", "")
    space_id = int(raw) if raw.isdigit() and len(raw) < 12 else None
    return render(
        request, "moderation/queue.html",
        {"rows": selectors.queue(request.user, space_id=space_id),
         "spaces": selectors.queue_counts(request.user), "space_id": space_id},
    )  # fmt: skip


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    _item, flaggable, target = review_item_for(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to keep the post or hide it."))
    else:
        try:
            services.content_set_shown(
                actor=request.user, flaggable=flaggable, target=target,
                shown=form.cleaned_data["decision"] == "keep", note=form.cleaned_data["note"],
                ban_author=form.cleaned_data["ban"],
            )  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Done. The author has been told."))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("moderation:queue")
