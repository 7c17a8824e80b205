"""The JSON API under /api/v1/. Lists answer {"items": [...], "next": cursor-or-null}."""

from flask import Blueprint, current_app, jsonify, request, url_for
from sqlalchemy import select

from portal.api import deadlines, decisions
from portal.api.openapi import openapi_document
from portal.core.documented import LIST_PARAMS, Param, documented
from portal.core.pagination import keyset_page
from portal.extensions import db
from portal.org.models import Unit

bp = Blueprint("api", __name__, url_prefix="/api/v1")
bp.add_url_rule("/decisions", "decisions", decisions.decision_list)
bp.add_url_rule("/decisions/<public_id>", "decision", decisions.decision_detail)
bp.add_url_rule("/deadlines", "deadlines", deadlines.deadline_calculation)


def unit_json(unit: Unit) -> dict:
    return {
        "code": unit.code,
        "name": unit.name,
        "level": unit.level,
        "division_code": unit.division_code,
        "address": unit.address,
        "phone": unit.phone,
        "complaint_phone": unit.complaint_phone,
        "complaint_email": unit.complaint_email,
        "mailbox_location": unit.mailbox_location,
        "visit_address": unit.visit_address,
        "visit_hours": unit.visit_hours,
        "jurisdiction": unit.jurisdiction,
        "url": url_for("disclosure.unit", code=unit.code, _external=True),
    }


def page_size(default: int = 50) -> int:
    value = request.args.get("limit", "")
    return int(value) if value.isdigit() and int(value) > 0 else default


@bp.route("/")
@documented(
    "接口目录", {"description": "各接口的网址", "content": {"application/json": {}}}, errors=()
)
def index():
    return jsonify(
        {
            "name": "城管执法公示与监督平台 开放数据接口",
            "openapi": url_for("api.openapi", _external=True),
            "endpoints": {
                "units": url_for("api.units", _external=True),
                "decisions": url_for("api.decisions", _external=True),
                "media": url_for("api.media", _external=True),
                "outcomes": url_for("api.outcomes", _external=True),
                "officers": url_for("officers_api.officers", _external=True),
                "stats": url_for("stats.api_stats", _external=True),
            },
        }
    )


@bp.route("/openapi.json")
@documented(
    "本接口的 OpenAPI 文档",
    {"description": "OpenAPI 3.1", "content": {"application/json": {}}},
    errors=(),
)
def openapi():
    return jsonify(openapi_document(current_app, request.url_root.rstrip("/")))


@bp.route("/units")
@documented("执法单位列表", "UnitList", params=LIST_PARAMS, errors=(400, 404))
def units():
    page = keyset_page(
        db.session,
        select(Unit),
        [Unit.id],
        lambda unit: (unit.id,),
        request.args.get("cursor"),
        page_size(),
    )
    return jsonify({"items": [unit_json(unit) for unit in page.items], "next": page.next_cursor})


@bp.route("/units/<code>")
@documented("单个执法单位", "Unit", params=(Param("code", location="path"),), errors=(404,))
def unit(code: str):
    return jsonify(unit_json(db.first_or_404(select(Unit).where(Unit.code == code))))
