"""Downloads of public lists and tables: CSV and JSON.

CSV is UTF-8 with a byte-order mark, so that Excel opens Chinese correctly, and a text cell
that starts like a formula gets a leading quote, so that a spreadsheet shows it instead of
running it (staff- and citizen-written text reaches these files). Lists are streamed row by
row, so a list of any length never sits in memory as a whole.
"""

import csv
import io
import json
from collections.abc import Iterable

from flask import Response, stream_with_context

#: what a spreadsheet reads as the start of a formula
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """None as empty; text that would run as a formula, quoted; numbers and dates as they are."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def download_name(prefix: str, filters: dict, extension: str) -> str:
    """``decisions_unit-xinhua_year-2026.csv``: the filters in the name, ASCII only."""
    parts = [prefix, *(f"{key}-{value}" for key, value in filters.items())]
    safe = "_".join(parts).encode("ascii", "ignore").decode()[:120]
    return f"{safe}.{extension}"


def csv_download(filename: str, header: list[str], rows: Iterable[list]) -> Response:
    """Stream ``rows`` (read lazily, inside the request) as a CSV attachment."""

    def lines():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        yield "\ufeff" + buffer.getvalue()
        for row in rows:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow([spreadsheet_cell(value) for value in row])
            yield buffer.getvalue()

    return _attachment(Response(stream_with_context(lines()), mimetype="text/csv"), filename)


def json_download(filename: str, items: Iterable[dict]) -> Response:
    """Stream ``items`` as ``{"items": [...], "next": null}`` — the API's list shape, whole."""

    def chunks():
        yield '{"items": ['
        for number, item in enumerate(items):
            yield ("," if number else "") + json.dumps(item, ensure_ascii=False)
        yield '], "next": null}'

    response = Response(stream_with_context(chunks()), mimetype="application/json")
    return _attachment(response, filename)


def _attachment(response: Response, filename: str) -> Response:
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
