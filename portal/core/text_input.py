"""One normalisation for every text that enters the portal: forms, query strings, JSON, imports,
the CLI.

PostgreSQL refuses NUL in text where SQLite stores it, so a complaint pasted from a broken app
was lost on one database and kept on the other. Every text is therefore, before anything else
sees it: Unicode NFC; line breaks as ``\\n`` (``\\r\\n`` and a lone ``\\r`` too); NUL and every
other control character removed except tab and line feed. A lone surrogate (which only a JSON
``\\ud800`` escape, a CSV file or a command line with undecodable bytes can carry; HTTP form
data never does, werkzeug decodes it with replacement) cannot be stored or shown at all: it is
refused with a Chinese message.

The HTTP side is applied once for the whole app by ``PortalRequest`` (``create_app`` sets it):
``request.args``, ``request.form``, ``request.get_json()`` and the URL's path parameters are
already normalised when a view, a form or a limiter reads them. Code that reads text from
elsewhere (an importer, a CLI option, a file) calls ``normalise_text`` or ``normalise_data``.
A request target longer than ``MAX_URL_LENGTH`` gets the Chinese 414 page.
"""

import re
import unicodedata
from typing import Any

import click
from flask import Flask, Request, abort, current_app, request
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items
from werkzeug.exceptions import BadRequest

#: what a refused text is told, in every channel
SURROGATE_MESSAGE = "内容中含有无法识别的字符（可能来自乱码或损坏的复制内容），请删除后重新填写。"

_LINE_BREAKS = re.compile(r"\r\n?")
#: C0 and C1 controls and DEL, except tab (\x09) and line feed (\x0a)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


class UnreadableText(ValueError):
    """A text holding a lone surrogate; ``str()`` is the Chinese message for the citizen."""

    def __init__(self, message: str = SURROGATE_MESSAGE):
        super().__init__(message)


def has_lone_surrogate(value: str) -> bool:
    return _SURROGATES.search(value) is not None


def normalise_text(value: str) -> str:
    """``value`` in NFC, line breaks as ``\\n``, control characters (but tab) removed.

    Raises ``UnreadableText`` (a ``ValueError`` with a Chinese message) on a lone surrogate.
    Idempotent: normalising twice gives what normalising once gave.
    """
    if has_lone_surrogate(value):
        raise UnreadableText()
    if value.isascii() and value.isprintable():
        return value  # the common case, no copy
    value = _CONTROLS.sub("", _LINE_BREAKS.sub("\n", value))
    return unicodedata.normalize("NFC", value)


def displayable(value: str) -> str:
    """``value`` with lone surrogates replaced by U+FFFD, so a refused text can be shown back."""
    return _SURROGATES.sub("\ufffd", value)


def normalise_data(value: Any) -> Any:
    """Every string inside a JSON-like value (dict keys included) through ``normalise_text``."""
    if isinstance(value, str):
        return normalise_text(value)
    if isinstance(value, dict):
        return {normalise_data(key): normalise_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalise_data(item) for item in value]
    return value


class NormalisedText(click.ParamType):
    """A command-line text argument or option, normalised (``type=NORMALISED_TEXT``)."""

    name = "text"

    def convert(self, value, param, ctx):
        try:
            return normalise_text(value) if isinstance(value, str) else value
        except UnreadableText as error:
            self.fail(str(error), param, ctx)


NORMALISED_TEXT = NormalisedText()


class NormalisedMultiDict(ImmutableMultiDict):
    """werkzeug's query-string and form storage, holding normalised keys and text values.

    Uploaded files (``FileStorage`` values) pass unchanged.
    """

    def __init__(self, mapping=None):
        if mapping is None:
            super().__init__()
            return
        try:
            pairs = [
                (
                    normalise_text(key) if isinstance(key, str) else key,
                    normalise_text(item) if isinstance(item, str) else item,
                )
                for key, item in iter_multi_items(mapping)
            ]
        except UnreadableText as error:
            raise BadRequest(str(error)) from None
        super().__init__(pairs)


class PortalRequest(Request):
    """Flask's request with every text parameter normalised (see the module docstring)."""

    parameter_storage_class = NormalisedMultiDict

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True):
        data = super().get_json(force=force, silent=silent, cache=cache)
        try:
            return normalise_data(data)
        except UnreadableText as error:
            if silent:
                return None
            raise BadRequest(str(error)) from None


def _normalise_view_args(_endpoint, values: dict | None) -> None:
    if not values:
        return
    try:
        for name, value in values.items():
            if isinstance(value, str):
                values[name] = normalise_text(value)
    except UnreadableText as error:
        raise BadRequest(str(error)) from None


def _refuse_long_urls() -> None:
    # gunicorn passes the request target as sent; other servers give path and query
    target = request.environ.get("RAW_URI") or request.full_path
    if len(target) > current_app.config["MAX_URL_LENGTH"]:
        abort(414)  # the Chinese explanation is portal.errors.MESSAGES[414]


def init_text_input(app: Flask) -> None:
    app.request_class = PortalRequest
    app.url_value_preprocessor(_normalise_view_args)
    app.before_request(_refuse_long_urls)
