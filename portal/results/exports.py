"""CSV downloads of the results tables (small, computed whole): see ``portal.core.downloads``."""

from flask import Response

from portal.core.downloads import csv_download


def csv_response(filename: str, header: list[str], rows: list[list]) -> Response:
    return csv_download(filename, header, rows)
