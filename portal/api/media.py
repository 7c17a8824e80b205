"""/api/v1/media: the public list of media responses (same filters as the page) and one.

Only published, masked fields (``portal.results.media.public``). A response that was never
published is a 404; a withdrawn one answers with its notice and no content.
"""

from flask import abort, jsonify, request
from sqlalchemy import select

from portal.api.documented import LIST_PARAMS, UNIT, documented, year_param
from portal.core.pagination import requested_page_size
from portal.extensions import db
from portal.results.media.models import MediaResponse
from portal.results.media.public import FIRST_YEAR, media_json, public_view
from portal.results.media.services import MEDIA_LIFECYCLE
from portal.results.media.views import filters_of_request, history_of, media_list_for_request


@documented(
    "舆论回应列表（按报道日期从新到旧；撤下的不列出）",
    "MediaResponseList",
    params=(*LIST_PARAMS, UNIT, year_param(FIRST_YEAR, "报道年份")),
    errors=(400, 404),
)
def media_list():
    listing = media_list_for_request()
    filters = filters_of_request(listing)
    size = requested_page_size(request.args.get("limit"))
    page = listing.page(filters, request.args.get("cursor"), size)
    return jsonify({"items": [media_json(view) for view in page.items], "next": page.next_cursor})


@documented("单条舆论回应，含修订记录；撤下的回应只含撤下说明", "MediaResponse", errors=(404,))
def media_detail(public_id: str):
    item = None
    if len(public_id) <= 16:
        item = db.session.scalars(
            select(MediaResponse).where(MediaResponse.public_id == public_id)
        ).first()
    view = item and public_view(item, item.unit, MEDIA_LIFECYCLE.revision(db.session, item))
    if not view:
        abort(404, "没有这条舆论回应")
    return jsonify(media_json(view, history_of(item)))
