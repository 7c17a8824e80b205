"""The home page and /healthz."""

from pathlib import Path

from flask import Blueprint, current_app, jsonify, render_template
from sqlalchemy import select, text

from portal.disclosure.models import Unit
from portal.extensions import db

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
    """200 when the database and the search index answer; 503 naming the part that does not."""
    checks = {"database": _database_answers(), "search_index": _search_index_answers()}
    healthy = all(status == "ok" for status in checks.values())
    response = jsonify({"status": "ok" if healthy else "unavailable", **checks})
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response


def _database_answers() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        return "ok"
    except Exception:
        current_app.logger.exception("health check: the database does not answer")
        db.session.rollback()
        return "error"


def _search_index_answers() -> str:
    # The search issue replaces this with a query against the index and its lag.
    directory = Path(current_app.config["SEARCH_INDEX_DIR"])
    try:
        directory.mkdir(parents=True, exist_ok=True)
        return "ok" if directory.is_dir() else "error"
    except OSError:
        current_app.logger.exception("health check: the search index directory is unusable")
        return "error"
