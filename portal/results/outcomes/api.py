"""/api/v1/outcomes: the public list (same filters as the page, ``?q=``) and one outcome.

Registered on the API blueprint by ``portal.api`` (see ``register``). Only published, masked
fields; a withdrawn outcome answers with its notice and no content.
"""

from flask import abort, jsonify, request

from portal.api.documented import LIST_PARAMS, UNIT, Param, documented, month_param
from portal.core.pagination import requested_page_size
from portal.extensions import db
from portal.results.outcomes.listing import FIRST_YEAR, RATING_FILTERS
from portal.results.outcomes.models import PUBLISHABLE_KINDS, ComplaintOutcome
from portal.results.outcomes.public import outcome_json, public_view
from portal.results.outcomes.services import OUTCOME_LIFECYCLE
from portal.results.outcomes.views import filters_of_request, history_of, outcome_list_for_request


@documented(
    "投诉办理结果列表（按答复日期从新到旧）",
    "OutcomeList",
    params=(
        *LIST_PARAMS,
        UNIT,
        Param("kind", {"type": "string", "enum": list(PUBLISHABLE_KINDS)}, "类型"),
        month_param(FIRST_YEAR, "答复月份 YYYY-MM"),
        Param(
            "rating",
            {"type": "string", "enum": list(RATING_FILTERS)},
            "满意度 1-5，或 none（未评价）",
        ),
        Param("q", {"type": "string"}, "关键词（匹配已脱敏的摘要和答复）"),
    ),
    errors=(400, 404),
)
def outcome_list():
    listing = outcome_list_for_request()
    filters = filters_of_request(listing)
    size = requested_page_size(request.args.get("limit"))
    page = listing.page(filters, request.args.get("cursor"), size)
    return jsonify({"items": [outcome_json(view) for view in page.items], "next": page.next_cursor})


@documented("单个办理结果，含修订记录；撤下的只含撤下说明", "Outcome", errors=(404,))
def outcome_detail(public_id: str):
    outcome = None
    if len(public_id) <= 16:
        outcome = db.session.scalars(
            db.select(ComplaintOutcome).where(ComplaintOutcome.public_id == public_id)
        ).first()
    view = None
    if outcome is not None:
        revision = OUTCOME_LIFECYCLE.revision(db.session, outcome)
        view = public_view(outcome, outcome.unit, revision) if revision else None
    if view is None:
        abort(404, "没有这个办理结果")
    return jsonify(outcome_json(view, history_of(outcome)))


def register(api_bp) -> None:
    api_bp.add_url_rule("/outcomes", "outcomes", outcome_list)
    api_bp.add_url_rule("/outcomes/<public_id>", "outcome", outcome_detail)
