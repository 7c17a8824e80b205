"""Public pages and downloads of outcomes (the ``outcomes`` blueprint): the list with its
filters and the tip-off count, permalinks with revisions, CSV; JSON lives in ``api``."""


from flask import Blueprint, abort, render_template, request
from sqlalchemy import select

from portal.core.downloads import csv_download, download_name
from portal.core.models import local_today
from portal.core.public_record import PublicRevisionNote, revision_notes
from portal.extensions import db
from portal.org.models import Unit
from portal.results.outcomes.listing import RATING_FILTERS, OutcomeFilters, OutcomeList
from portal.results.outcomes.models import PUBLISHABLE_KINDS, ComplaintOutcome
from portal.results.outcomes.public import (
    CSV_HEADER,
    outcome_csv_row,
    public_view,
)
from portal.results.outcomes.services import OUTCOME_LIFECYCLE

bp = Blueprint("outcomes", __name__)


def outcome_list_for_request() -> OutcomeList:
    units = db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    return OutcomeList(db.session, units)


def filters_of_request(listing: OutcomeList) -> OutcomeFilters:
    return OutcomeFilters.from_args(request.args, listing.units_by_code, local_today())


@bp.route("/outcomes/")
def outcomes():
    listing = outcome_list_for_request()
    filters = filters_of_request(listing)
    return render_template(
        "results/outcomes/list.html",
        page=listing.page(filters, request.args.get("cursor")),
        filters=filters,
        tipoffs=listing.tipoffs_received(filters),
        units=list(listing.units_by_code.values()),
        kinds=PUBLISHABLE_KINDS,
        ratings=RATING_FILTERS,
        first_page=not request.args.get("cursor"),
    )


def outcome_or_404(public_id: str) -> ComplaintOutcome:
    if len(public_id) > 16:
        abort(404)
    return db.first_or_404(select(ComplaintOutcome).where(ComplaintOutcome.public_id == public_id))


def history_of(outcome: ComplaintOutcome) -> list[PublicRevisionNote]:
    return revision_notes(OUTCOME_LIFECYCLE, db.session, outcome)


def _render(public_id: str, revision_no: int | None):
    outcome = outcome_or_404(public_id)
    revision = OUTCOME_LIFECYCLE.revision(db.session, outcome, revision_no)
    view = public_view(outcome, outcome.unit, revision) if revision else None
    if view is None:
        abort(404)
    return render_template(
        "results/outcomes/detail.html",
        view=view,
        history=history_of(outcome),
        current_revision_no=outcome.revision_count,
    )


@bp.route("/outcomes/<public_id>")
def outcome(public_id: str):
    return _render(public_id, None)


@bp.route("/outcomes/<public_id>/revisions/<int:revision_no>")
def outcome_revision(public_id: str, revision_no: int):
    return _render(public_id, revision_no)


@bp.route("/outcomes.csv")
def outcomes_csv():
    """Every listed outcome matching the page's filters, UTF-8 CSV with a BOM (Excel)."""
    listing = outcome_list_for_request()
    filters = filters_of_request(listing)
    return csv_download(
        download_name("outcomes", filters.as_args(), "csv"),
        CSV_HEADER,
        (outcome_csv_row(view) for view in listing.all(filters)),
    )
