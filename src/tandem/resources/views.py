"""Thin views over a space's library. Every resource comes through
:func:`access.resource_for`; files and captions too."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.community.access import readable_space_for
from tandem.core.access import deny
from tandem.core.http import private_file

from . import selectors, services
from .access import changeable_resource, resource_for
from .forms import ResourceForm
from .models import Resource, ResourceKind


@login_required
def library(request: HttpRequest, pk: int) -> HttpResponse:
    space = readable_space_for(request.user, pk)
    kind = request.GET.get("kind", "")
    kind = kind if kind in ResourceKind.values else ""
    tag, words = request.GET.get("tag", "")[:50], request.GET.get("q", "")[:200]
    found = selectors.library(request.user, space, kind=kind, tag=tag, words=words)
    page = Paginator(found, selectors.PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "resources/library.html",
        {"space": space, "page": page, "kind": kind, "tag": tag, "q": words,
         "kinds": ResourceKind.choices, "tags": selectors.tags_in(space)[:30],
         "filtered": bool(kind or tag or words)},
    )  # fmt: skip


def space_panel(request: HttpRequest, *, space: Any, **context: Any) -> str:
    """The newest resources on a space's front page."""
    return render_to_string(
        "resources/_space_panel.html",
        {"space": space, "resources": selectors.latest(request.user, space)},
        request=request,
    )


def _fields(form: ResourceForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("remove_captions", None)
    return data


@login_required
@require_http_methods(["GET", "POST"])
def resource_new(request: HttpRequest, pk: int) -> HttpResponse:
    space = readable_space_for(request.user, pk)
    if not space.is_member:  # type: ignore[attr-defined]
        raise deny()
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_add(actor=request.user, space=space, **_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Added to the library."))
            return redirect(services.resource_url(resource))
    return render(
        request, "resources/resource_form.html", {"space": space, "form": form, "resource": None},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
def resource(request: HttpRequest, pk: int) -> HttpResponse:
    found = resource_for(request.user, pk)
    return render(
        request, "resources/resource.html",
        {"resource": found, "space": found.space, "tags": list(found.tags.all())},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = changeable_resource(request.user, pk)
    initial = {
        "title": found.title, "description": found.description, "url": found.url,
        "tags": ", ".join(t.name for t in found.tags.all()),
        "captions_language": found.captions_language or "en",
    }  # fmt: skip
    form = ResourceForm(request.POST or None, request.FILES or None, initial=initial, editing=found)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.resource_update(
                actor=request.user, resource=found, title=data["title"],
                description=data["description"], url=data.get("url", ""), tags=data["tags"],
                upload=data.get("upload"), captions=data.get("captions"),
                captions_language=data.get("captions_language", ""),
                remove_captions=bool(data.get("remove_captions")),
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(services.resource_url(found))
    return render(
        request, "resources/resource_form.html",
        {"space": found.space, "form": form, "resource": found},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
@require_POST
def resource_delete(request: HttpRequest, pk: int) -> HttpResponse:
    found = changeable_resource(request.user, pk)
    space_id = found.space_id
    services.resource_remove(actor=request.user, resource=found)
    messages.success(request, _("Removed from the library."))
    return redirect("resources:library", space_id)


def _with_file(resource: Resource) -> Resource:
    if not resource.file:
        raise deny()
    return resource


@login_required
def resource_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = _with_file(resource_for(request.user, pk))
    inline = found.is_video or found.is_image or found.content_type == "application/pdf"
    return private_file(
        found.file, content_type=found.content_type, filename=found.filename or f"resource-{found.pk}",
        as_attachment=not inline, request=request,
    )  # fmt: skip


@login_required
def resource_captions(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = resource_for(request.user, pk)
    if not found.captions:
        raise deny()
    return private_file(
        found.captions, content_type="text/vtt; charset=utf-8", filename=f"captions-{found.pk}.vtt"
    )
