"""Request types for views (django-htmx adds ``request.htmx``) and responses
several apps share."""

from typing import Any

from django.http import FileResponse, HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def private_file(
    file: Any, *, content_type: str, filename: str, as_attachment: bool = False
) -> FileResponse:
    """A stored file served to someone the view has let through: never sniffed
    into something else, never able to run script, cached only privately."""
    response = FileResponse(
        file.open("rb"), as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response
