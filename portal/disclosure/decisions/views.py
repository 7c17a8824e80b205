"""Public pages and downloads of penalty decisions (registered on the ``disclosure`` blueprint).

Everything here reads ``PublicDecision`` views (portal.disclosure.decisions.public), never a
decision's working copy.
"""


from flask import abort, render_template, request
from sqlalchemy import select

from portal.core.downloads import csv_download, download_name, json_download
from portal.core.models import local_today
from portal.core.public_record import PublicRevisionNote, revision_notes
from portal.disclosure.decisions.listing import DecisionFilters, DecisionList
from portal.disclosure.decisions.models import VIOLATION_TYPES, PenaltyDecision
from portal.disclosure.decisions.public import (
    CSV_HEADER,
    decision_csv_row,
    decision_json,
    public_view,
)
from portal.disclosure.decisions.rules import current_settings
from portal.disclosure.decisions.services import DECISION_LIFECYCLE
from portal.extensions import db
from portal.org.models import Unit


def decision_list_for_request() -> DecisionList:
    units = db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    return DecisionList(db.session, units, local_today(), current_settings())


def filters_of_request(listing: DecisionList) -> DecisionFilters:
    return DecisionFilters.from_args(request.args, listing.units_by_code, local_today())


def decision_list():
    listing = decision_list_for_request()
    filters = filters_of_request(listing)
    page = listing.page(filters, request.args.get("cursor"))
    today = local_today()
    years = list(range(today.year, listing.cutoffs.earliest.year - 1, -1))
    return render_template(
        "decisions/list.html",
        page=page,
        filters=filters,
        units=list(listing.units_by_code.values()),
        violation_types=VIOLATION_TYPES,
        years=years,
        first_page=not request.args.get("cursor"),
    )


def _decision_or_404(public_id: str) -> PenaltyDecision:
    if len(public_id) > 16:
        abort(404)
    return db.first_or_404(select(PenaltyDecision).where(PenaltyDecision.public_id == public_id))


def _history(decision: PenaltyDecision) -> list[PublicRevisionNote]:
    return revision_notes(DECISION_LIFECYCLE, db.session, decision)


def _render_decision(public_id: str, revision_no: int | None):
    decision = _decision_or_404(public_id)
    listing = decision_list_for_request()
    revision = DECISION_LIFECYCLE.revision(db.session, decision, revision_no)
    if revision is None:
        abort(404)
    view = public_view(decision, decision.unit, revision, listing.cutoffs, listing.settings)
    if view is None:  # never published: there is no public page
        abort(404)
    return render_template(
        "decisions/detail.html",
        view=view,
        history=_history(decision),
        current_revision_no=decision.revision_count,
    )


def decision_detail(public_id: str):
    return _render_decision(public_id, None)


def decision_revision(public_id: str, revision_no: int):
    return _render_decision(public_id, revision_no)


def decisions_csv():
    """Every listed decision matching the page's filters, as UTF-8 CSV (with a BOM for Excel)."""
    listing = decision_list_for_request()
    filters = filters_of_request(listing)
    return csv_download(
        download_name("decisions", filters.as_args(), "csv"),
        CSV_HEADER,
        (decision_csv_row(view) for view in listing.all(filters)),
    )


def decisions_json():
    """The same list as JSON: ``{"items": [...], "next": null}``, streamed."""
    listing = decision_list_for_request()
    filters = filters_of_request(listing)
    return json_download(
        download_name("decisions", filters.as_args(), "json"),
        (decision_json(view) for view in listing.all(filters)),
    )
