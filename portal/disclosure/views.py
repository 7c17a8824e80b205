"""Public disclosure pages."""

from flask import Blueprint, render_template
from sqlalchemy import select

from portal.disclosure.models import Unit
from portal.extensions import db
from portal.pages import under_construction

bp = Blueprint("disclosure", __name__)


def _units():
    return db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()


@bp.route("/disclosure/")
def index():
    return render_template("disclosure/index.html", units=_units())


@bp.route("/disclosure/units/<code>")
def unit(code: str):
    unit = db.first_or_404(select(Unit).where(Unit.code == code))
    return render_template("disclosure/unit.html", unit=unit)


@bp.route("/decisions/")
def decisions():
    return under_construction(
        "行政处罚决定公示", "各执法单位作出的行政处罚决定将在此公示，可按单位、违法类型和年份检索。"
    )
