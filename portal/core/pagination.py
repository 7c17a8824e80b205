"""Keyset pagination with opaque cursors, for pages and the JSON API.

A page is found by "rows after this key", never by OFFSET, so the last page of a million rows
costs what the first does. The cursor is the last row's sort key, base64-encoded JSON; a
cursor that is not base64url is a 400, a well-formed one that is not ours a 404; never a 500.
"""

import base64
import binascii
import json
import re
from dataclasses import dataclass

from flask import abort
from sqlalchemy import tuple_

from portal.errors import wants_json

MAX_PAGE_SIZE = 200
#: items per page of a JSON list when ``?limit=`` is not given
DEFAULT_API_PAGE_SIZE = 50


@dataclass
class Page:
    items: list
    next_cursor: str | None


def requested_page_size(value: str | None, default: int = DEFAULT_API_PAGE_SIZE) -> int:
    """A JSON list's ``?limit=``: ``default`` when absent, a 400 in Chinese when not 1–200."""
    if not value:
        return default
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE_SIZE:
        abort(400, f"limit 应为 1 到 {MAX_PAGE_SIZE} 之间的整数")
    return int(value)


#: what ``encode_cursor`` makes: unpadded base64url (also the API document's cursor pattern)
CURSOR_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,1000}")
CURSOR_SCHEMA = {"type": "string", "pattern": f"^{CURSOR_PATTERN.pattern}$"}


def _refuse_cursor(status: int):
    abort(status, "翻页参数无效" if status == 400 else "翻页参数无效：没有这一页")


def encode_cursor(key: tuple) -> str:
    raw = json.dumps(list(key), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None, width: int, unknown_status: int = 400) -> tuple | None:
    """The key in ``cursor``; aborts with 400 when it is not base64url, ``unknown_status``
    when it is but holds no key of ours."""
    if not cursor:
        return None
    if not CURSOR_PATTERN.fullmatch(cursor):
        _refuse_cursor(400)
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        key = None
    if not isinstance(key, list) or len(key) != width:
        _refuse_cursor(unknown_status)
    return tuple(key)


def keyset_page(
    session,
    stmt,
    sort_columns,
    key_of,
    cursor: str | None,
    size: int,
    descending: bool = False,
    parse_key=None,
) -> Page:
    """One page of ``stmt`` ordered by ``sort_columns`` (together unique), after ``cursor``.

    ``key_of(row)`` gives a row's sort key as JSON-friendly values. ``parse_key(values)``, when
    given, turns them back into the columns' Python types (a date from its ISO string: the
    database compares a date column only with a date) and raises ValueError or TypeError for a
    value that is not one (a 400).
    """
    size = max(1, min(size, MAX_PAGE_SIZE))
    # In the API a well-formed cursor that starts no page of ours is a page that does not
    # exist (404: its document allows any base64url cursor); a page says 400 as it always did.
    unknown_status = 404 if wants_json() else 400
    after = decode_cursor(cursor, len(sort_columns), unknown_status=unknown_status)
    if after is not None and parse_key is not None:
        try:
            after = tuple(parse_key(after))
        except (ValueError, TypeError):
            _refuse_cursor(unknown_status)
    if after is not None:
        position = tuple_(*sort_columns)
        stmt = stmt.where(position < tuple_(*after) if descending else position > tuple_(*after))
    order = [column.desc() if descending else column.asc() for column in sort_columns]
    rows = session.scalars(stmt.order_by(*order).limit(size + 1)).all()
    next_cursor = encode_cursor(key_of(rows[size - 1])) if len(rows) > size else None
    return Page(rows[:size], next_cursor)
