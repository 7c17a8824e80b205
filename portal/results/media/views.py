"""Public pages and downloads of media responses (舆论回应). They read ``PublicMedia`` views
(portal.results.media.public), never a response's working copy."""


from flask import Blueprint, abort, render_template, request
from sqlalchemy import select

from portal.core.downloads import csv_download, download_name, json_download
from portal.core.models import local_today
from portal.core.public_record import PublicRevisionNote, revision_notes
from portal.extensions import db
from portal.org.models import Unit
from portal.results.media.models import MediaResponse
from portal.results.media.public import (
    CSV_HEADER,
    FIRST_YEAR,
    MediaFilters,
    MediaList,
    media_csv_row,
    media_json,
    public_view,
)
from portal.results.media.services import MEDIA_LIFECYCLE

media_bp = Blueprint("media", __name__)


def media_list_for_request() -> MediaList:
    units = db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    return MediaList(db.session, units)


def filters_of_request(listing: MediaList) -> MediaFilters:
    return MediaFilters.from_args(request.args, listing.units_by_code, local_today())


@media_bp.route("/media/")
def media_list():
    listing = media_list_for_request()
    filters = filters_of_request(listing)
    page = listing.page(filters, request.args.get("cursor"))
    # the years with reports are few; offering the last ten covers every demo and real case
    this_year = local_today().year
    return render_template(
        "media/list.html",
        page=page,
        filters=filters,
        units=list(listing.units_by_code.values()),
        years=list(range(this_year, max(FIRST_YEAR, this_year - 10) - 1, -1)),
        first_page=not request.args.get("cursor"),
    )


def media_or_404(public_id: str) -> MediaResponse:
    if len(public_id) > 16:
        abort(404)
    return db.first_or_404(select(MediaResponse).where(MediaResponse.public_id == public_id))


def history_of(item: MediaResponse) -> list[PublicRevisionNote]:
    return revision_notes(MEDIA_LIFECYCLE, db.session, item)


def _render(public_id: str, revision_no: int | None):
    item = media_or_404(public_id)
    revision = MEDIA_LIFECYCLE.revision(db.session, item, revision_no)
    view = public_view(item, item.unit, revision)
    if view is None:  # never published, or no such revision
        abort(404)
    return render_template(
        "media/detail.html",
        view=view,
        history=history_of(item),
        current_revision_no=item.revision_count,
    )


@media_bp.route("/media/<public_id>")
def media_detail(public_id: str):
    return _render(public_id, None)


@media_bp.route("/media/<public_id>/revisions/<int:revision_no>")
def media_revision(public_id: str, revision_no: int):
    return _render(public_id, revision_no)


@media_bp.route("/media.csv")
def media_csv():
    """Every listed response matching the page's filters, as UTF-8 CSV (with a BOM for Excel)."""
    listing = media_list_for_request()
    filters = filters_of_request(listing)
    return csv_download(
        download_name("media-responses", filters.as_args(), "csv"),
        CSV_HEADER,
        (media_csv_row(view) for view in listing.all(filters)),
    )


@media_bp.route("/media.json")
def media_download():
    """The same list as JSON: ``{"items": [...], "next": null}``, streamed."""
    listing = media_list_for_request()
    filters = filters_of_request(listing)
    return json_download(
        download_name("media-responses", filters.as_args(), "json"),
        (media_json(view) for view in listing.all(filters)),
    )
