"""A table downloaded as CSV or XLSX, with cells that cannot run as formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: object) -> object:
    """Spreadsheet apps run a cell that starts with = + - @ as a formula; text must not."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def table_response(
    *,
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    filename: str,
    fmt: str,
    sheet_title: str,
) -> HttpResponse:
    """``filename`` without its extension; ``fmt`` is "csv" or "xlsx"."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([safe_cell(c) for c in header])
        writer.writerows([safe_cell(c) for c in row] for row in rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        filename += ".csv"
    else:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = sheet_title[:31]
        sheet.append([safe_cell(c) for c in header])
        for row in rows:
            sheet.append([safe_cell(c) for c in row])
        data = io.BytesIO()
        book.save(data)
        response = HttpResponse(data.getvalue(), content_type=XLSX)
        filename += ".xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
