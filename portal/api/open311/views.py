"""/open311/v2/: GeoReport v2 (wiki.open311.org/GeoReport_v2) in XML and JSON by suffix.

Every answer, errors included, is in the format the suffix asks for; an error is the spec's
``[{"code": …, "description": "…"}]`` (``portal.errors`` gives every /open311/ error this shape).
"""

import re
from datetime import UTC, datetime, timedelta

from flask import Blueprint, abort, current_app, request, url_for
from sqlalchemy import update

from portal.api.open311 import catalog, keys, submit
from portal.api.open311.formats import render
from portal.api.open311.models import Open311Key
from portal.api.open311.openapi_doc import open311_response
from portal.api.open311.public_requests import Filters, find_requests
from portal.core.documented import Param, documented
from portal.core.models import LOCAL_TZ, utcnow
from portal.core.tokens import token_hash
from portal.extensions import db, limiter

bp = Blueprint("open311", __name__, url_prefix="/open311/v2")
FMT = "<any(json,xml):fmt>"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-04T00:00:00+08:00"
MAX_SPAN = timedelta(days=90)
MAX_IDS = 50
#: dates before this or after MAX_YEAR are refused (no complaint is older than the portal)
MIN_YEAR, MAX_YEAR = 2000, 2100

ERRORS = {
    "description": "GeoReport v2 错误：[{code, description}]",
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/Open311Errors"}},
        "text/xml": {"schema": {"type": "string"}},
    },
}
_CODES = "|".join(re.escape(code) for code in catalog.SERVICES)
_W3C = (
    "^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    "(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])?)?$"
)
JURISDICTION = Param(
    "jurisdiction_id",
    lambda: {"type": "string", "enum": [current_app.config["OPEN311_JURISDICTION_ID"]]},
    "辖区标识（可不填；填写时须与 discovery 一致）",
)
LIST_PARAMS = (
    JURISDICTION,
    Param(
        "service_request_id",
        {"type": "string", "pattern": "^[0-9]{1,16}(,[0-9]{1,16}){0,49}$"},
        "受理编号，多个以逗号分隔（最多50个）；给出时忽略其他条件",
    ),
    Param(
        "service_code",
        {"type": "string", "pattern": f"^({_CODES})(,({_CODES}))*$"},
        "服务代码，多个以逗号分隔",
    ),
    Param("start_date", {"type": "string", "pattern": _W3C}, "提交时间起（W3C 格式）"),
    Param(
        "end_date",
        {"type": "string", "pattern": _W3C},
        "提交时间止（W3C 格式）；与 start_date 相差不超过90天，默认最近90天",
    ),
    Param("status", {"type": "string", "pattern": "^(open|closed)(,(open|closed))?$"}),
)


def _open311(summary: str, schema: str, params=(JURISDICTION,), errors=(400, 404), **options):
    return documented(
        summary,
        open311_response(schema),
        params=params,
        errors=errors,
        error_response=ERRORS,
        **options,
    )


@bp.before_request
def _refuse_big_bodies_and_other_jurisdictions() -> None:
    # before anything reads the body: werkzeug would answer a huge form with a bare 413
    if (request.content_length or 0) > submit.MAX_BODY_BYTES:
        abort(400, "请求内容过大（事情经过请不超过4000字）")
    given = request.args.get("jurisdiction_id")
    if given is not None and given != current_app.config["OPEN311_JURISDICTION_ID"]:
        abort(404, "jurisdiction_id 不存在")


@bp.route("/")
@bp.route(f"/discovery.{FMT}")
@_open311("Open311 服务发现", "Open311Discovery")
def discovery(fmt: str = "json"):
    endpoint = url_for("open311.discovery", fmt=fmt, _external=True).rsplit("/", 1)[0] + "/"
    body = {
        "changeset": CHANGESET,
        "contact": "平顶山市城市管理局综合监督科 投诉举报电话 12319",
        "key_service": "接入密钥由市城市管理局综合监督科发放（后台“开放接口密钥”）",
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": endpoint,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(body, fmt, "discovery")


@bp.route(f"/services.{FMT}")
@_open311("Open311 服务列表（投诉举报的类型与类别）", "Open311Services")
def services(fmt: str):
    items = [service.as_dict() for service in catalog.SERVICES.values()]
    return render(items, fmt, "services", "service")


@bp.route(f"/services/<service_code>.{FMT}")
@_open311("Open311 服务定义（可提交的附加属性）", "Open311ServiceDefinition")
def service_definition(service_code: str, fmt: str):
    service = catalog.SERVICES.get(service_code)
    if service is None:
        abort(404, f"没有这项服务：{service_code[:40]}")
    return render(catalog.definition(db.session, service), fmt, "service_definition")


def _w3c_datetime(name: str) -> datetime | None:
    text = request.args.get(name)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        abort(400, f"{name} 应为 W3C 日期时间，例如 2026-12-01T00:00:00+08:00")
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        abort(400, f"{name} 应在{MIN_YEAR}年到{MAX_YEAR}年之间")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    return moment.astimezone(UTC).replace(tzinfo=None)


def _listed(name: str) -> tuple[str, ...]:
    text = request.args.get(name, "")
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _filters() -> Filters:
    ids = _listed("service_request_id")
    if len(ids) > MAX_IDS:
        abort(400, f"service_request_id 一次最多{MAX_IDS}个")
    codes = _listed("service_code")
    unknown = [code for code in codes if code not in catalog.SERVICES]
    if unknown:
        abort(400, f"没有这项服务：{unknown[0][:40]}")
    statuses = _listed("status")
    if any(status not in ("open", "closed") for status in statuses):
        abort(400, "status 只能是 open 或 closed")
    start, end = _w3c_datetime("start_date"), _w3c_datetime("end_date")
    if start is None and end is None:
        end = utcnow()
    if start is None:
        start = end - MAX_SPAN
    if end is None:
        end = start + MAX_SPAN
    if end < start:
        abort(400, "end_date 不能早于 start_date")
    if end - start > MAX_SPAN:
        abort(400, "start_date 与 end_date 相差不能超过90天")
    return Filters(
        ids=tuple(tracking_no for tracking_no in ids if tracking_no.isdigit()),
        services=tuple(catalog.SERVICES[code] for code in codes),
        start=start,
        end=end,
        statuses=statuses,
    )


@bp.route(f"/requests.{FMT}", methods=["GET"])
@_open311(
    "Open311 诉求列表（只含投诉和建议，举报不公开；描述和答复仅限已公示的办理结果）",
    "Open311Requests",
    params=LIST_PARAMS,
)
def requests_list(fmt: str):
    return render(find_requests(db.session, _filters()), fmt, "service_requests", "request")


@bp.route(f"/requests/<service_request_id>.{FMT}")
@_open311("Open311 单个诉求", "Open311Requests")
def request_detail(service_request_id: str, fmt: str):
    items = _public_request(service_request_id, "没有这个可公开的诉求编号")
    return render(items, fmt, "service_requests", "request")


def _public_request(tracking_no: str, not_found: str) -> list[dict]:
    """The one public request numbered ``tracking_no`` (a list of one), or a 404."""
    items = []
    if tracking_no.isdigit() and len(tracking_no) <= 16:
        items = find_requests(db.session, Filters(ids=(tracking_no,)))
    if not items:
        abort(404, not_found)
    return items


@bp.route(f"/tokens/<token>.{FMT}")
@_open311("Open311 令牌换受理编号（本系统即时编号，令牌即受理编号）", "Open311Tokens")
def token(token: str, fmt: str):
    """Our requests get their number at once, so the token is the number itself."""
    items = _public_request(token, "没有这个令牌")
    return render(
        [{"token": token, "service_request_id": items[0]["service_request_id"]}],
        fmt,
        "service_requests",
        "request",
    )


_TEXT = {"type": "string"}
POST_BODY = {
    "required": True,
    "content": {
        "application/x-www-form-urlencoded": {
            "schema": {
                "type": "object",
                "required": ["api_key", "service_code"],
                "properties": {
                    "api_key": _TEXT,
                    "jurisdiction_id": _TEXT,
                    "service_code": _TEXT,
                    "lat": _TEXT,
                    "long": _TEXT,
                    "address_string": _TEXT,
                    "description": _TEXT,
                    "first_name": _TEXT,
                    "last_name": _TEXT,
                    "phone": _TEXT,
                    "email": _TEXT,
                    "media_url": _TEXT,
                    "attribute[unit]": _TEXT,
                    "attribute[badge]": _TEXT,
                    "attribute[occurred_at]": _TEXT,
                    "attribute[request]": _TEXT,
                },
            }
        }
    },
}


def _payload() -> tuple[dict[str, str], dict[str, str]]:
    """The POST's fields and its ``attribute[code]`` values, cleaned; refuses a bad body."""
    mimetype = request.mimetype
    if mimetype == "application/json":
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise submit.RequestRefused("请求内容不是有效的 JSON 对象")
        raw_attributes = body.pop("attribute", {}) or {}
        if not isinstance(raw_attributes, dict):
            raise submit.RequestRefused("attribute 应为对象")
        raw = body
    elif mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        raw = {key: request.form.get(key) for key in request.form if not key.startswith("attr")}
        raw_attributes = {
            key[len("attribute[") : -1]: request.form.get(key)
            for key in request.form
            if key.startswith("attribute[") and key.endswith("]")
        }
    else:
        raise submit.RequestRefused(
            "请以 application/x-www-form-urlencoded（或 JSON）提交，不接受 XML 请求体"
        )
    fields = {str(key): submit.clean(value) for key, value in raw.items()}
    attributes = {str(key): submit.clean(value) for key, value in raw_attributes.items()}
    return fields, attributes


def _key_limit_key() -> str:
    given = request.form.get("api_key") if request.mimetype != "application/json" else None
    if given is None and request.is_json:
        body = request.get_json(silent=True)
        given = body.get("api_key") if isinstance(body, dict) else None
    return "open311-key:" + token_hash(str(given or ""))[:16]


@bp.route(f"/requests.{FMT}", methods=["POST"])
@_open311(
    "Open311 提交诉求（需接入密钥；与网页表单同一受理流程）",
    "Open311Created",
    params=(),
    errors=(400, 403, 404),
    request_body=POST_BODY,
)
@limiter.limit(
    lambda: current_app.config["OPEN311_POST_LIMIT"],
    key_func=_key_limit_key,
    scope="open311-post",
    error_message="该接入密钥提交过于频繁。",
)
def requests_create(fmt: str):
    try:
        fields, attributes = _payload()
    except submit.RequestRefused as refused:
        abort(400, str(refused))
    key = keys.active_key(db.session, fields.get("api_key", ""))
    if key is None:
        abort(403, "api_key 缺失、无效或已停用")
    if (
        "jurisdiction_id" in fields
        and fields["jurisdiction_id"] != current_app.config["OPEN311_JURISDICTION_ID"]
    ):
        abort(404, "jurisdiction_id 不存在")
    service = catalog.SERVICES.get(fields.get("service_code", ""))
    if service is None:
        abort(400, "service_code 缺失或没有这项服务")
    try:
        complaint, code = submit.submit_request(key, service, fields, attributes)
    except submit.RequestRefused as refused:
        abort(400, str(refused))
    db.session.execute(
        update(Open311Key)
        .where(Open311Key.id == complaint.open311_key_id)
        .values(last_used_at=utcnow())
    )
    db.session.commit()
    notice = (
        "已收到。受理编号即 service_request_id；查询码只在此返回一次，"
        "凭受理编号和查询码可在 /track 查看办理进度。"
    )
    item = {
        "service_request_id": complaint.tracking_no,
        "service_notice": notice,
        "account_id": None,
        "query_code": code,
    }
    return render([item], fmt, "service_requests", "request")
