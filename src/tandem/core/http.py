"""Request types for views (django-htmx adds ``request.htmx``) and responses
several apps share."""

import re
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _protect[R: HttpResponseBase](response: R) -> R:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


class _Slice:
    """``length`` bytes of an open file from ``start``: what a 206 response sends."""

    def __init__(self, handle: Any, start: int, length: int) -> None:
        self.handle, self.left = handle, length
        handle.seek(start)

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        data = self.handle.read(size) if size else b""
        self.left -= len(data)
        return bytes(data)

    def close(self) -> None:
        self.handle.close()


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single ``Range: bytes=…`` request, or None when
    the header is absent or asks for something other than one range; raises
    ValueError when the range lies outside the file (416)."""
    match = RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        start, end = max(size - int(last), 0), size - 1
    else:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        raise ValueError(header)
    return start, end


def private_file(
    file: Any,
    *,
    content_type: str,
    filename: str,
    as_attachment: bool = False,
    request: HttpRequest | None = None,
) -> HttpResponseBase:
    """A stored file served to someone the view has let through: never sniffed
    into something else, never able to run script, cached only privately.
    Given the request, a single byte range is answered with 206 (a video's
    player seeks by asking for ranges)."""
    header = request.headers.get("Range", "") if request is not None else ""
    if header:
        size = file.size
        try:
            wanted = byte_range(header, size)
        except ValueError:
            refused = HttpResponse(status=416)
            refused["Content-Range"] = f"bytes */{size}"
            return _protect(refused)
        if wanted is not None:
            start, end = wanted
            partial = FileResponse(
                _Slice(file.open("rb"), start, end - start + 1), content_type=content_type,
                as_attachment=as_attachment, filename=filename, status=206,
            )  # fmt: skip
            partial["Content-Length"] = str(end - start + 1)
            partial["Content-Range"] = f"bytes {start}-{end}/{size}"
            partial["Accept-Ranges"] = "bytes"
            return _protect(partial)
    response = FileResponse(
        file.open("rb"), as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    if request is not None:
        response["Accept-Ranges"] = "bytes"
    return _protect(response)
