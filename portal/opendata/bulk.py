"""Yearly bulk downloads: one kind's complete public data set for one year, as a zip holding
the CSV (UTF-8 with BOM) and the JSON. Built on first request and kept on disk under
``OPEN_DATA_CACHE_DIR``, keyed by a fingerprint of what is public, so a publication,
correction or withdrawal (or a decision leaving its publication period) makes a new file.

Only what the public pages show: the current revision of every item still shown (masked when
it was published); withdrawn and expired items are left out.
"""

import csv
import hashlib
import io
import json
import os
import zipfile
from datetime import date, datetime
from pathlib import Path

from flask import current_app, url_for
from sqlalchemy import and_, func, select

from portal.core.downloads import spreadsheet_cell
from portal.core.public_record import utc_iso
from portal.core.publication import PUBLISHED
from portal.opendata.dictionary import COMMON_FIELDS
from portal.opendata.records import (
    PUBLISHED_KINDS,
    PublishedKind,
    content_is_public,
    current_cutoffs,
    json_value,
    unit_codes,
)


def _year_bounds(kind: PublishedKind, year: int):
    column = getattr(kind.revision_model, kind.year_field)
    if kind.year_field.endswith("_at"):
        return column >= datetime(year, 1, 1), column < datetime(year + 1, 1, 1)
    return column >= date(year, 1, 1), column <= date(year, 12, 31)


def _current_rows(kind: PublishedKind, year: int):
    item, revision = kind.item_model, kind.revision_model
    owner = getattr(revision, kind.owner_key)
    return (
        select(item, revision)
        .join(revision, and_(owner == item.id, revision.revision_no == item.revision_count))
        .where(item.status == PUBLISHED, *_year_bounds(kind, year))
        .order_by(item.public_id)
    )


def fingerprint(session, kind: PublishedKind, year: int, today: date) -> str:
    item = kind.item_model
    count, last = session.execute(
        _current_rows(kind, year)
        .with_only_columns(func.count(item.id), func.max(item.public_updated_at))
        .order_by(None)
    ).one()
    withdrawn_last = session.scalar(select(func.max(item.withdrawn_at)))
    # a decision leaves the data set when its publication period ends: the day matters
    day = today.isoformat() if kind.name == "decision" else ""
    raw = f"{count}|{last}|{withdrawn_last}|{day}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def records(session, kind: PublishedKind, year: int, today: date) -> list[dict]:
    units = unit_codes(session)
    cutoffs = current_cutoffs(today)
    rows = []
    for item, revision in session.execute(_current_rows(kind, year)):
        if not content_is_public(kind, item, cutoffs):
            continue
        rows.append(
            {
                "public_id": item.public_id,
                "permalink": url_for(kind.endpoint, public_id=item.public_id, _external=True),
                "unit_code": units.get(item.unit_id) if kind.has_unit else None,
                "revision": revision.revision_no,
                "first_published_at": utc_iso(item.first_published_at),
                "revision_published_at": utc_iso(revision.published_at),
                "correction_reason": revision.reason,
                **{name: json_value(getattr(revision, name)) for name in kind.fields},
            }
        )
    return rows


def columns(kind: PublishedKind) -> list[str]:
    return [*COMMON_FIELDS, *kind.fields]


def _csv_cell(value):
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    return spreadsheet_cell(value)


def build_zip(kind: PublishedKind, year: int, rows: list[dict]) -> bytes:
    name = f"{kind.name}-{year}"
    header = columns(kind)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(row[column]) for column in header])
    document = {"kind": kind.name, "year": year, "items": rows, "next": None}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}.csv", "\ufeff" + text.getvalue())
        archive.writestr(f"{name}.json", json.dumps(document, ensure_ascii=False, indent=1))
    return buffer.getvalue()


def cache_dir() -> Path:
    configured = current_app.config.get("OPEN_DATA_CACHE_DIR")
    return Path(configured or Path(current_app.instance_path) / "open-data-cache")


def cached_file(prefix: str, key: str, build, suffix: str) -> Path:
    """``prefix-key.suffix`` from the cache, or ``build()``'s bytes written there now —
    atomically, so workers racing for it never serve half a file; older keys are removed."""
    directory = cache_dir()
    path = directory / f"{prefix}-{key}.{suffix}"
    if path.exists():
        return path
    directory.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(build())
    os.replace(partial, path)
    for old in directory.glob(f"{prefix}-*.{suffix}"):
        if old != path:
            old.unlink(missing_ok=True)
    return path


def bulk_file(session, kind: PublishedKind, year: int, today: date) -> Path:
    """The zip of ``kind`` in ``year``, from the cache or built now."""
    return cached_file(
        f"{kind.name}-{year}",
        fingerprint(session, kind, year, today),
        lambda: build_zip(kind, year, records(session, kind, year, today)),
        "zip",
    )


def public_state(session, today: date) -> str:
    """Changes whenever any public line would: a publication, correction or withdrawal of any
    kind, or a new day (decisions leave their publication period)."""
    parts = [today.isoformat()]
    for kind in PUBLISHED_KINDS.values():
        item = kind.item_model
        count, last = session.execute(
            select(func.count(kind.revision_model.id), func.max(item.public_updated_at)).join(
                item, getattr(kind.revision_model, kind.owner_key) == item.id
            )
        ).one()
        withdrawn = session.scalar(
            select(func.count(item.id)).where(item.withdrawn_at.is_not(None))
        )
        parts.append(f"{count}|{last}|{withdrawn}")
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:16]
