"""Static assets under content-hashed URLs, kept by browsers for a year.

``url_for("static", filename=…)`` gets ``?v=`` and the first 12 hex digits of the file's
SHA-256; a request carrying the current digest is answered with a year's ``max-age`` and
``immutable``, since a changed file gets a new URL. Without it (or with an old one) the usual
short lifetime applies.
"""

import hashlib
from pathlib import Path

from flask import Flask, request

YEAR_CACHE_CONTROL = "public, max-age=31536000, immutable"


def init_static_files(app: Flask) -> None:
    folder = Path(app.static_folder)
    digests: dict[str, str | None] = {}

    def digest_of(filename: str) -> str | None:
        if app.debug or filename not in digests:  # debug: files change while it runs
            path = (folder / filename).resolve()
            inside = path.is_relative_to(folder.resolve()) and path.is_file()
            digests[filename] = (
                hashlib.sha256(path.read_bytes()).hexdigest()[:12] if inside else None
            )
        return digests[filename]

    @app.url_defaults
    def _hashed_static_url(endpoint, values):
        if endpoint == "static" and "v" not in values:
            digest = digest_of(values.get("filename", ""))
            if digest:
                values["v"] = digest

    @app.after_request
    def _static_lifetime(response):
        if request.endpoint == "static" and response.status_code in (200, 304):
            filename = (request.view_args or {}).get("filename", "")
            if request.args.get("v") and request.args.get("v") == digest_of(filename):
                response.headers["Cache-Control"] = YEAR_CACHE_CONTROL
        return response
