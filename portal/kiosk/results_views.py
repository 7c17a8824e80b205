"""The kiosk's results screen: the unit's latest outcomes and this year's figures, large."""

from flask import abort, render_template
from sqlalchemy import select

from portal.core.models import local_today
from portal.extensions import db
from portal.kiosk.identity import current_kiosk
from portal.kiosk.views import bp
from portal.org.models import Unit
from portal.results.outcomes.public import OUTCOMES, OutcomeFilters, OutcomeList
from portal.results.stats.queries import UnitRef
from portal.results.stats.views import get_report

LATEST_OUTCOMES = 6


def _units() -> list[Unit]:
    return db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()


@bp.route("/results")
def results():
    units = _units()
    kiosk = current_kiosk()
    unit = kiosk.unit if kiosk is not None else None
    listing = OutcomeList(db.session, units)
    filters = OutcomeFilters(unit=unit.code if unit else "")
    page = listing.page(filters, None, size=LATEST_OUTCOMES)
    refs = [UnitRef(item.id, item.code, item.name, item.short_name) for item in units]
    ref = next((item for item in refs if unit and item.id == unit.id), None)
    report = get_report(local_today().year, ref, refs)
    return render_template(
        "kiosk/results.html",
        outcomes=[view for view in page.items if view is not None],
        figures=report.city,
        year=report.year,
        scope_name=unit.name if unit else "全市",
    )


@bp.route("/results/<public_id>")
def outcome(public_id: str):
    found = OUTCOMES.item_or_none(public_id)
    view = OUTCOMES.public_view_of(found) if found is not None else None
    if view is None:
        abort(404)
    return render_template("kiosk/outcome.html", view=view)
