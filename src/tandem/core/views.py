"""Friendly error pages. They render without a database so they still work
when the database is the thing that failed."""

from django.http import HttpRequest, HttpResponse
from django.template import loader


def _render(request: HttpRequest, template_name: str, status: int) -> HttpResponse:
    try:
        body: str = loader.render_to_string(template_name, {"status": status}, request)
    except Exception:  # pragma: no cover - last resort when templates themselves fail
        body = f"<!doctype html><title>Error {status}</title><h1>Error {status}</h1>"
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "errors/400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "errors/403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "errors/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _render(request, "errors/500.html", 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _render(request, "errors/403_csrf.html", 403)
