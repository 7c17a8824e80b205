"""The home page and /healthz."""

from flask import Blueprint, current_app, jsonify, render_template
from sqlalchemy import select, text

from portal.core.calendar_store import calendar_today, current_calendar, health_flag
from portal.extensions import db
from portal.opendata.snapshots import latest_snapshot
from portal.org.models import Unit
from portal.search.operations import IndexStatus, index_status, searcher_answers

bp = Blueprint("pages", __name__)


def under_construction(title: str, intro: str):
    """A short, honest page for a public section not yet built (never a 404)."""
    return render_template("pages/under_construction.html", title=title, intro=intro)


@bp.route("/")
def home():
    units = db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    return render_template("pages/home.html", units=units)


@bp.route("/healthz")
def healthz():
    """200 when the database and the search index answer; 503 naming the part that does not.

    ``search_lag`` is how many committed changes this host's index has not applied yet and
    ``search_lag_seconds`` how long the oldest has waited (alert when it keeps growing).
    ``calendar`` is ``provisional-next-year`` from 1 November while next year's holiday notice
    is not imported (alert: deadlines in it are computed).
    """
    checks = {"database": _database_answers()}
    search = _search_index_status(database_ok=checks["database"] == "ok")
    checks["search_index"] = search.state
    healthy = all(status == "ok" for status in checks.values())
    response = jsonify(
        {
            "status": "ok" if healthy else "unavailable",
            **checks,
            "calendar": _calendar_flag(checks["database"] == "ok"),
            "search_lag": search.lag_entries,
            "search_lag_seconds": search.lag_seconds,
            "integrity": _latest_integrity_root(database_ok=checks["database"] == "ok"),
        }
    )
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response


def _latest_integrity_root(database_ok: bool) -> dict | None:
    """The latest daily snapshot's day and root (``/open-data/``), or None before the first."""
    if not database_ok:
        return None
    snapshot = latest_snapshot(db.session)
    return None if snapshot is None else {"day": snapshot.day.isoformat(), "root": snapshot.root}


def _calendar_flag(database_ok: bool) -> str:
    """``provisional-next-year`` from 1 November until next year's notice is imported (a
    warning: the response stays 200)."""
    if not database_ok:
        return "unknown"
    try:
        return health_flag(current_calendar(), calendar_today())
    except Exception:
        current_app.logger.exception("health check: the calendar cannot be read")
        db.session.rollback()
        return "error"


def _database_answers() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        return "ok"
    except Exception:
        current_app.logger.exception("health check: the database does not answer")
        db.session.rollback()
        return "error"


def _search_index_status(database_ok: bool) -> IndexStatus:
    """Whether this host's index answers (``ok``, ``missing``, ``error``) and its lag."""
    try:
        if database_ok:
            return index_status(current_app, db.session)
        return IndexStatus(state=searcher_answers(current_app))
    except Exception:
        current_app.logger.exception("health check: the search index does not answer")
        db.session.rollback()
        return IndexStatus(state="error")
