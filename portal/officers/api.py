"""The roster in the JSON API: /api/v1/officers and /api/v1/officers/<badge_no>."""

from flask import Blueprint, abort, jsonify, request
from sqlalchemy import select

from portal.core.documented import LIST_PARAMS, UNIT, Param, documented
from portal.extensions import db
from portal.officers.lookup import BADGE_PATTERN
from portal.officers.models import OFFICER_STATUSES, Officer
from portal.officers.roster import officer_json, roster_filters, roster_page

api_bp = Blueprint("officers_api", __name__, url_prefix="/api/v1/officers")

DEFAULT_LIMIT = 50


def _limit() -> int:
    value = request.args.get("limit", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_LIMIT


@api_bp.route("")
@documented(
    "执法人员清单",
    "OfficerList",
    description="按单位、工号排序。亮证查询页面另有频率限制；本接口只含清单中已公开的字段。",
    params=(
        *LIST_PARAMS,
        UNIT,
        Param("status", {"type": "string", "enum": list(OFFICER_STATUSES)}, "在岗状态"),
    ),
    errors=(400, 404),
)
def officers():
    unit, status = roster_filters(db.session, request.args.get("unit"), request.args.get("status"))
    page = roster_page(db.session, unit, status, request.args.get("cursor"), _limit())
    return jsonify({"items": [officer_json(o) for o in page.items], "next": page.next_cursor})


@api_bp.route("/<badge_no>")
@documented(
    "按工号查询一名执法人员",
    "Officer",
    params=(Param("badge_no", {"type": "string", "pattern": "^[0-9]{4,12}$"}, location="path"),),
    errors=(400, 404),
)
def officer(badge_no: str):
    if not BADGE_PATTERN.fullmatch(badge_no):
        abort(400, "工号应为4至12位数字。")
    found = db.first_or_404(
        select(Officer).where(Officer.badge_no == badge_no),
        description=f"没有工号为 {badge_no} 的执法人员。",
    )
    return jsonify(officer_json(found))
