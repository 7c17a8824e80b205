"""/api/v1/decisions: the public list of decisions (same filters as the page) and one decision.

Only published, masked fields (``portal.disclosure.decisions.public``). A decision that was
never published is a 404; a withdrawn or expired one answers with its notice and no content.
"""

from flask import abort, jsonify, request
from sqlalchemy import select

from portal.core.documented import LIST_PARAMS, UNIT, Param, documented, year_param
from portal.core.pagination import requested_page_size
from portal.core.public_record import revision_notes
from portal.disclosure.decisions.listing import FIRST_YEAR
from portal.disclosure.decisions.models import VIOLATION_TYPES, PenaltyDecision
from portal.disclosure.decisions.public import decision_json, public_view
from portal.disclosure.decisions.services import DECISION_LIFECYCLE
from portal.disclosure.decisions.views import decision_list_for_request, filters_of_request
from portal.extensions import db


@documented(
    "行政处罚决定列表（按决定日期从新到旧）",
    "DecisionList",
    params=(
        *LIST_PARAMS,
        UNIT,
        Param("violation", {"type": "string", "enum": list(VIOLATION_TYPES)}, "违法行为类型代码"),
        year_param(FIRST_YEAR, "决定年份"),
        Param("major", {"type": "string", "enum": ["1"]}, "仅重大行政处罚"),
        Param("q", {"type": "string"}, "关键词"),
    ),
    errors=(400, 404),
)
def decision_list():
    listing = decision_list_for_request()
    filters = filters_of_request(listing)
    size = requested_page_size(request.args.get("limit"))
    page = listing.page(filters, request.args.get("cursor"), size)
    return jsonify(
        {"items": [decision_json(view) for view in page.items], "next": page.next_cursor}
    )


@documented("单个行政处罚决定，含修订记录；撤下的决定只含撤下说明", "Decision", errors=(404,))
def decision_detail(public_id: str):
    decision = None
    if len(public_id) <= 16:
        decision = db.session.scalars(
            select(PenaltyDecision).where(PenaltyDecision.public_id == public_id)
        ).first()
    if decision is None:
        abort(404, "没有这个处罚决定")
    listing = decision_list_for_request()
    view = public_view(
        decision,
        decision.unit,
        DECISION_LIFECYCLE.revision(db.session, decision),
        listing.cutoffs,
        listing.settings,
    )
    if view is None:
        abort(404, "没有这个处罚决定")
    return jsonify(decision_json(view, revision_notes(DECISION_LIFECYCLE, db.session, decision)))
