"""Thin views: feature something or mark a celebration, a space's showcase
page, and removing a feature."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.community.access import readable_space_for
from tandem.core.access import deny

from . import selectors, services
from .access import feature_places, feature_to_remove
from .forms import FeatureForm
from .registry import Facts, featurable


def space_panel(request: HttpRequest, *, space: Any, **context: Any) -> str:
    """What is featured and celebrated, at the top of a space's front page."""
    shown = selectors.showcase_of(request.user, space)
    if not (shown.featured or shown.celebrations or space.is_moderator):
        return ""
    return render_to_string(
        "showcase/_space_panel.html", {"space": space, "shown": shown}, request=request
    )


def _content(request: HttpRequest) -> tuple[str, int | None, Facts | None]:
    """The content named by ``?kind=&id=`` (404 unless the person reads it)."""
    kind = request.GET.get("kind", "")
    if not kind:
        return "", None, None
    spec = featurable(kind)
    raw = request.GET.get("id", "")
    object_id = int(raw) if raw.isdigit() and len(raw) < 19 else None
    content = spec.find(request.user, object_id) if spec and object_id is not None else None
    if spec is None or content is None:
        raise deny()
    return kind, object_id, spec.facts(content)


@login_required
@require_http_methods(["GET", "POST"])
def feature_new(request: HttpRequest) -> HttpResponse:
    places = feature_places(request.user)
    if not places.exists():
        raise deny()
    kind, object_id, facts = _content(request)
    wanted = facts.space_id if facts else request.GET.get("space")
    initial = {"space": wanted} if places.filter(pk=str(wanted or "0")).exists() else {}
    form = FeatureForm(
        request.POST or None, initial=initial, places=places, standalone=facts is None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feature = services.feature_add(
                actor=request.user, space=data["space"], kind=kind, object_id=object_id,
                title=data.get("title", ""), note=data["note"],
                celebration=data.get("celebration", True), ends_on=data["ends_on"],
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("It is on the front page of %(space)s.") % {"space": feature.space}
            )
            return redirect("community:space", feature.space_id)
    return render(
        request, "showcase/feature_form.html", {"form": form, "facts": facts},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
def space_showcase(request: HttpRequest, pk: int) -> HttpResponse:
    space = readable_space_for(request.user, pk)
    return render(
        request, "showcase/space_showcase.html",
        {"space": space, "features": selectors.history(request.user, space), "now": timezone.now()},
    )  # fmt: skip


@login_required
@require_POST
def feature_remove(request: HttpRequest, pk: int) -> HttpResponse:
    feature = feature_to_remove(request.user, pk)
    space_id = feature.space_id
    services.feature_remove(actor=request.user, feature=feature)
    messages.success(request, _("Taken off the front page."))
    return redirect("showcase:space", space_id)
