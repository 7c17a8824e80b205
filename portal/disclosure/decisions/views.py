"""Public pages and downloads of penalty decisions (registered on the ``disclosure`` blueprint).

Everything here reads ``PublicDecision`` views (portal.disclosure.decisions.public), never a
decision's working copy.
"""

import csv
import io
import json

from flask import Response, abort, render_template, request, stream_with_context
from sqlalchemy import select

from portal.core.models import local_today
from portal.disclosure.decisions.listing import DecisionFilters, DecisionList
from portal.disclosure.decisions.models import VIOLATION_TYPES, PenaltyDecision
from portal.disclosure.decisions.public import (
    CSV_HEADER,
    PublicRevisionNote,
    decision_csv_row,
    decision_json,
    public_view,
)
from portal.disclosure.decisions.rules import current_settings
from portal.disclosure.decisions.services import DECISION_LIFECYCLE
from portal.disclosure.models import Unit
from portal.extensions import db


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
    return [
        PublicRevisionNote(revision.revision_no, revision.published_at, revision.reason)
        for revision in DECISION_LIFECYCLE.revisions(db.session, decision)
    ]


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


def _download_name(filters: DecisionFilters, extension: str) -> str:
    parts = ["decisions", *(f"{key}-{value}" for key, value in filters.as_args().items())]
    safe = "_".join(parts).encode("ascii", "ignore").decode()[:120]
    return f"{safe}.{extension}"


def decisions_csv():
    """Every listed decision matching the page's filters, as UTF-8 CSV (with a BOM for Excel)."""
    listing = decision_list_for_request()
    filters = filters_of_request(listing)

    def rows():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_HEADER)
        yield "\ufeff" + buffer.getvalue()
        for view in listing.all(filters):
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(decision_csv_row(view))
            yield buffer.getvalue()

    response = Response(stream_with_context(rows()), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{_download_name(filters, "csv")}"'
    )
    return response


def decisions_json():
    """The same list as JSON: ``{"items": [...], "next": null}``, streamed."""
    listing = decision_list_for_request()
    filters = filters_of_request(listing)

    def chunks():
        yield '{"items": ['
        for number, view in enumerate(listing.all(filters)):
            yield ("," if number else "") + json.dumps(decision_json(view), ensure_ascii=False)
        yield '], "next": null}'

    response = Response(stream_with_context(chunks()), mimetype="application/json")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{_download_name(filters, "json")}"'
    )
    return response
