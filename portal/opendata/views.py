"""/open-data/ (the integrity chain, yearly bulk downloads, the data dictionary) and /changes/."""

import re
import time
from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    render_template,
    request,
    send_file,
    url_for,
)
from sqlalchemy import func, select

from portal.core.models import local_today, utcnow
from portal.core.public_record import utc_iso
from portal.extensions import db
from portal.opendata import bulk
from portal.opendata.changes import changes_page
from portal.opendata.dictionary import COMMON_FIELDS, KIND_FIELDS
from portal.opendata.merkle import merkle_root
from portal.opendata.models import IntegritySnapshot
from portal.opendata.records import PUBLISHED_KINDS, line_key, public_lines
from portal.opendata.snapshots import (
    dump_line,
    header_of,
    snapshot_lines,
    snapshot_of,
    take_snapshot,
)
from portal.org.models import Unit
from portal.pagecache import never_kept

bp = Blueprint("opendata", __name__)

FIRST_YEAR = 2000
CHANGES_PAGE_SIZE = 50
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_day(text: str) -> date:
    if not _DAY.fullmatch(text):
        abort(400, "日期格式应为 YYYY-MM-DD，例如 2026-12-04")
    try:
        return date.fromisoformat(text)
    except ValueError:
        abort(400, f"{text} 不是有效的日期")


def _snapshots():
    return db.session.scalars(
        select(IntegritySnapshot).order_by(IntegritySnapshot.day.desc())
    ).all()


def _snapshot_json(snapshot: IntegritySnapshot) -> dict:
    header = header_of(snapshot)
    return {
        "day": header.pop("snapshot"),
        **header,
        "taken_at": utc_iso(snapshot.taken_at),
        "snapshot_url": url_for(
            "opendata.snapshot_file", day=snapshot.day.isoformat(), _external=True
        ),
    }


def ensure_todays_snapshot() -> None:
    """Lazily, when cron has not run yet today (``INTEGRITY_LAZY_SNAPSHOT``)."""
    if current_app.config.get("INTEGRITY_LAZY_SNAPSHOT", True):
        try:
            take_snapshot(db.session, local_today())
        except ValueError:  # a later day was taken by hand (--day): the chain stays as it is
            current_app.logger.warning("integrity: today's snapshot not taken, a later exists")


def _bulk_years() -> dict[str, list[int]]:
    """kind → the years that have public records, newest first."""
    years = {}
    for name, kind in PUBLISHED_KINDS.items():
        column = getattr(kind.revision_model, kind.year_field)
        low, high = db.session.execute(select(func.min(column), func.max(column))).one()
        years[name] = list(range(high.year, low.year - 1, -1)) if low and high else []
    return years


# the integrity files show what the database holds now, even after an edit that bypassed the
# portal (which is what they exist to reveal): rendered for every request
never_kept(
    "opendata.integrity_index",
    "opendata.snapshot_file",
    "opendata.current_file",
    "opendata.changes",
)


@bp.route("/open-data/")
def index():
    ensure_todays_snapshot()
    return render_template(
        "opendata/index.html",
        snapshots=_snapshots(),
        kinds=PUBLISHED_KINDS,
        bulk_years=_bulk_years(),
    )


@bp.route("/open-data/integrity.json")
def integrity_index():
    """Every day's snapshot: roots, counts and the file's address, newest first."""
    items = [_snapshot_json(snapshot) for snapshot in _snapshots()]
    response = current_app.json.response({"items": items, "next": None})
    response.headers["Cache-Control"] = "no-cache"
    return response


def _jsonl_file(path, filename: str):
    return _jsonl_response(path.read_bytes(), filename)


def _jsonl_response(data: bytes, filename: str):
    response = Response(data, mimetype="application/jsonl")
    response.headers["Content-Type"] = "application/jsonl; charset=utf-8"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _jsonl(lines) -> bytes:
    return b"".join(dump_line(line) for line in lines)


@bp.route("/open-data/snapshots/<day>.jsonl")
def snapshot_file(day: str):
    """The day's snapshot; texts that are no longer public are left out (the hashes stay).
    Cached on disk until the public record changes."""
    wanted = _parse_day(day)
    snapshot = snapshot_of(db.session, wanted)
    if snapshot is None:
        abort(404, f"没有 {wanted.isoformat()} 的快照。已有的日期见“开放数据”页面。")

    def build() -> bytes:
        shown_now = {line_key(line) for line in public_lines(db.session) if line.get("fields")}
        lines = snapshot_lines(snapshot)
        for line in lines[1:]:
            if line.get("fields") is not None and line_key(line) not in shown_now:
                line["fields"] = None
        return _jsonl(lines)

    key = bulk.public_state(db.session, local_today())
    path = bulk.cached_file(f"snapshot-{snapshot.day.isoformat()}", key, build, "jsonl")
    return _jsonl_file(path, f"integrity-{snapshot.day.isoformat()}.jsonl")


@bp.route("/open-data/current.jsonl")
def current_file():
    """The public record now, in the snapshot's form (a header with its Merkle root first)."""

    def build() -> bytes:
        lines = list(public_lines(db.session))
        header = {
            "current": utc_iso(utcnow()),
            "records": len(lines),
            "merkle_root": merkle_root([line["sha256"] for line in lines]),
        }
        return _jsonl([header, *lines])

    # Kept only briefly: an edit behind the services' back changes no fingerprint, and the
    # record now must show it (that is what verification looks for).
    seconds = current_app.config.get("INTEGRITY_CURRENT_CACHE_SECONDS", 60)
    if not seconds:
        return _jsonl_response(build(), "integrity-current.jsonl")
    key = f"{bulk.public_state(db.session, local_today())}{int(time.time() // seconds)}"
    return _jsonl_file(bulk.cached_file("current", key, build, "jsonl"), "integrity-current.jsonl")


@bp.route("/open-data/bulk/<kind_name>-<int:year>.zip")
def bulk_download(kind_name: str, year: int):
    kind = PUBLISHED_KINDS.get(kind_name)
    if kind is None:
        abort(404, "没有这类数据。可下载的类别见“开放数据”页面。")
    if not FIRST_YEAR <= year <= local_today().year:
        abort(404, f"年份应在{FIRST_YEAR}年到{local_today().year}年之间")
    path = bulk.bulk_file(db.session, kind, year, local_today())
    return send_file(
        path,
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"{kind.name}-{year}.zip",
        max_age=0,
    )


@bp.route("/open-data/dictionary")
def dictionary():
    return render_template(
        "opendata/dictionary.html",
        kinds=PUBLISHED_KINDS,
        common_fields=COMMON_FIELDS,
        kind_fields=KIND_FIELDS,
    )


# --- /changes/ -----------------------------------------------------------------------------


def _units():
    return db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()


def change_filters() -> tuple[Unit | None, str]:
    """``?unit=`` and ``?kind=`` of /changes/ and its feed; unknown values are a 400."""
    unit = None
    code = request.args.get("unit", "").strip()
    if code:
        unit = db.session.scalars(select(Unit).where(Unit.code == code)).first()
        if unit is None:
            abort(400, "没有这个执法单位")
    kind = request.args.get("kind", "").strip()
    if kind and kind not in PUBLISHED_KINDS:
        abort(400, "没有这类公示内容")
    return unit, kind


def changes_for_request(size: int | None = None):
    size = size or current_app.config.get("CHANGES_PAGE_SIZE", CHANGES_PAGE_SIZE)
    unit, kind = change_filters()
    try:
        changes, next_cursor = changes_page(
            db.session,
            cursor=request.args.get("cursor"),
            size=size,
            unit_id=unit.id if unit else None,
            kinds=(kind,) if kind else (),
        )
    except (ValueError, TypeError):
        abort(400, "翻页参数无效")
    return unit, kind, changes, next_cursor


@bp.route("/changes/")
def changes():
    unit, kind, items, next_cursor = changes_for_request()
    units = _units()
    filter_args = {
        key: value for key, value in (("unit", unit and unit.code), ("kind", kind)) if value
    }
    return render_template(
        "opendata/changes.html",
        changes=items,
        next_cursor=next_cursor,
        first_page=not request.args.get("cursor"),
        units=units,
        units_by_id={u.id: u for u in units},
        kinds=PUBLISHED_KINDS,
        unit=unit,
        kind=kind,
        filter_args=filter_args,
    )
