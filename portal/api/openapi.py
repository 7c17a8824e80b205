"""The OpenAPI 3.1 document of /api/v1/ and /open311/v2/.

The paths are built from the app's routes and the operations their views declare
(``portal.core.documented``): adding a route is one ``@documented(...)`` line at its view.
The response schemas (components) are kept here and beside their domains.
"""

from flask import Flask

from portal.api.open311.openapi_doc import OPEN311_SCHEMAS
from portal.core.documented import openapi_paths
from portal.holidays.openapi_doc import DEADLINE_SCHEMAS
from portal.results.outcomes.openapi_doc import OUTCOME_SCHEMAS
from portal.results.stats.figures import COUNT_FIELDS as STATS_COUNT_FIELDS
from portal.results.stats.figures import RATE_FIELDS as STATS_RATE_FIELDS


def list_of(schema: str) -> dict:
    return {
        "type": "object",
        "required": ["items", "next"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"}},
            "next": {"type": ["string", "null"]},
        },
    }


SCHEMAS = {
    "Error": {
        "type": "object",
        "properties": {
            "error": {
                "type": "object",
                "properties": {
                    "status": {"type": "integer"},
                    "title": {"type": "string"},
                    "message": {"type": "string"},
                },
            }
        },
    },
    "Unit": {
        "type": "object",
        "required": ["code", "name", "level", "url"],
        "properties": {
            "code": {"type": "string"},
            "name": {"type": "string"},
            "level": {"type": "string", "enum": ["city", "district", "county", "zone"]},
            "division_code": {"type": "string"},
            "address": {"type": "string"},
            "phone": {"type": "string"},
            "complaint_phone": {"type": "string"},
            "complaint_email": {"type": "string"},
            "mailbox_location": {"type": "string"},
            "visit_address": {"type": "string"},
            "visit_hours": {"type": "string"},
            "jurisdiction": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
        },
    },
    "UnitList": list_of("Unit"),
    "Review": {
        "type": "object",
        "required": ["kind", "unit_code", "url"],
        "description": "A case-file review result (kind case_file_review) or a social-evaluation "
        "result (kind social_evaluation; averages are null below the minimum "
        "number of answers).",
        "properties": {
            "kind": {"type": "string", "enum": ["case_file_review", "social_evaluation"]},
            "unit_code": {"type": "string"},
            "round": {"type": "string"},
            "public_id": {"type": "string", "description": "评查公示的永久链接编号"},
            "revision": {"type": "integer", "description": "现行版本号（更正后递增）"},
            "held_on": {"type": "string", "format": "date"},
            "published_at": {"type": "string", "format": "date-time"},
            "corrected_at": {"type": ["string", "null"], "format": "date-time"},
            "correction_reason": {"type": ["string", "null"]},
            "files_reviewed": {"type": "integer"},
            "score": {"type": "number"},
            "grade": {"type": "string", "enum": ["excellent", "pass", "fail"]},
            "problems": {"type": "object", "additionalProperties": {"type": "integer"}},
            "rectification": {"type": "string", "enum": ["none_needed", "in_progress", "done"]},
            "rectified_on": {"type": ["string", "null"], "format": "date"},
            "period": {"type": "string"},
            "answers": {"type": "integer"},
            "shown": {"type": "boolean"},
            "averages": {"type": ["object", "null"], "additionalProperties": {"type": "number"}},
            "overall": {"type": ["number", "null"]},
            "url": {"type": "string", "format": "uri"},
        },
    },
    "ReviewList": list_of("Review"),
    "Supervisor": {
        "type": "object",
        "description": "执法监督员：姓名、身份类别、所在单位和任期（不含联系方式）。",
        "required": ["name", "affiliation", "term_from", "term_to", "in_office"],
        "properties": {
            "name": {"type": "string"},
            "affiliation": {"type": "string", "description": "人大代表、政协委员、媒体、居委会…"},
            "organisation": {"type": ["string", "null"]},
            "term_from": {"type": "string", "format": "date"},
            "term_to": {"type": "string", "format": "date"},
            "in_office": {"type": "boolean", "description": "今天是否在任期内"},
        },
    },
    "SupervisorList": list_of("Supervisor"),
    "Officer": {
        "type": "object",
        "description": "执法人员清单中的公开信息（不含照片、联系方式、身份证号等个人信息）。",
        "required": [
            "badge_no",
            "cert_no",
            "name",
            "unit_code",
            "post",
            "category",
            "area",
            "status",
            "cert_valid_from",
            "cert_valid_to",
            "url",
        ],
        "properties": {
            "badge_no": {"type": "string", "pattern": "^[0-9]{4,12}$", "description": "工号"},
            "cert_no": {"type": "string", "description": "执法证号"},
            "name": {"type": "string", "description": "姓名"},
            "unit_code": {"type": "string", "description": "所属单位代码"},
            "post": {"type": "string", "description": "职务岗位"},
            "category": {"type": "string", "description": "执法类别"},
            "area": {"type": "string", "description": "执法区域"},
            "status": {
                "type": "string",
                "enum": ["active", "suspended", "revoked", "transferred"],
                "description": "在岗 / 暂停执法 / 注销 / 调离",
            },
            "cert_valid_from": {"type": "string", "format": "date"},
            "cert_valid_to": {"type": "string", "format": "date"},
            "url": {"type": "string", "format": "uri", "description": "亮证查询结果页"},
        },
    },
    "OfficerList": list_of("Officer"),
    "Decision": {
        "type": "object",
        "description": (
            "行政处罚决定（仅已公示、已脱敏的字段）。撤下或公示期满的决定不含当事人和处罚内容。"
        ),
        "required": [
            "public_id",
            "doc_no",
            "unit_code",
            "party",
            "violation",
            "facts",
            "legal_basis",
            "penalty",
            "fine_amount",
            "decided_on",
            "published_at",
            "status",
            "url",
        ],
        "properties": {
            "public_id": {"type": "string", "description": "永久链接标识，永不改变"},
            "doc_no": {"type": "string", "description": "文书号"},
            "unit_code": {"type": "string"},
            "unit_name": {"type": "string"},
            "party": {"type": ["string", "null"], "description": "自然人显示为“姓+某某”"},
            "party_type": {"type": ["string", "null"], "enum": ["person", "organisation", None]},
            "violation_type": {"type": ["string", "null"]},
            "violation_type_label": {"type": ["string", "null"]},
            "violation": {"type": ["string", "null"]},
            "facts": {"type": ["string", "null"]},
            "legal_basis": {"type": ["string", "null"]},
            "penalty": {"type": ["string", "null"]},
            "fine_amount": {"type": ["number", "null"], "description": "元"},
            "confiscated_income": {"type": ["number", "null"], "description": "没收违法所得，元"},
            "confiscated_property_value": {
                "type": ["number", "null"],
                "description": "没收非法财物价值，元",
            },
            "decided_on": {"type": "string", "format": "date"},
            "is_major": {"type": "boolean", "description": "重大行政处罚"},
            "published_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
            "revision": {"type": "integer", "description": "现行版本号；大于1表示已更正"},
            "status": {
                "type": "string",
                "enum": ["published", "corrected", "withdrawn", "expired"],
            },
            "withdrawal": {
                "type": ["object", "null"],
                "properties": {
                    "withdrawn_at": {"type": "string", "format": "date-time"},
                    "reason": {"type": "string"},
                },
            },
            "listed_until": {"type": "string", "format": "date", "description": "公示期限"},
            "url": {"type": "string", "format": "uri"},
            "revisions": {
                "type": "array",
                "description": "修订记录（仅单个决定）",
                "items": {
                    "type": "object",
                    "properties": {
                        "revision": {"type": "integer"},
                        "published_at": {"type": "string", "format": "date-time"},
                        "reason": {"type": "string"},
                        "url": {"type": "string", "format": "uri"},
                    },
                },
            },
        },
    },
    "DecisionList": list_of("Decision"),
    "StatsFigures": {
        "type": "object",
        "description": (
            "件数与比率（百分数，一位小数；无可计算件数时为 null）。口径见 /stats/#definitions"
        ),
        "properties": {
            **{name: {"type": "integer"} for name in STATS_COUNT_FIELDS},
            **{name: {"type": ["number", "null"]} for name in STATS_RATE_FIELDS},
        },
    },
    "StatsUnit": {
        "type": "object",
        "properties": {
            "code": {"type": ["string", "null"], "description": "null：尚未分派（综合监督科）"},
            "name": {"type": "string"},
        },
    },
    "Stats": {
        "type": "object",
        "required": ["year", "unit", "total", "units", "months"],
        "properties": {
            "year": {"type": "integer"},
            "unit": {"oneOf": [{"$ref": "#/components/schemas/StatsUnit"}, {"type": "null"}]},
            "computed_at": {"type": "string", "format": "date-time"},
            "definitions": {"type": "string", "format": "uri"},
            "total": {"$ref": "#/components/schemas/StatsFigures"},
            "units": {
                "type": "array",
                "items": {
                    "allOf": [
                        {"$ref": "#/components/schemas/StatsFigures"},
                        {
                            "type": "object",
                            "properties": {"unit": {"$ref": "#/components/schemas/StatsUnit"}},
                        },
                    ]
                },
            },
            "months": {
                "type": "array",
                "items": {
                    "allOf": [
                        {"$ref": "#/components/schemas/StatsFigures"},
                        {
                            "type": "object",
                            "properties": {
                                "month": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}
                            },
                        },
                    ]
                },
            },
        },
    },
    "MediaResponse": {
        "type": "object",
        "description": "舆论回应（仅已公示、已脱敏的字段）。撤下的回应不含报道摘要和回应内容。",
        "required": [
            "public_id",
            "unit_code",
            "outlet",
            "reported_on",
            "headline",
            "published_at",
            "updated_at",
            "revision",
            "status",
            "url",
        ],
        "properties": {
            "public_id": {"type": "string", "description": "永久链接标识，永不改变"},
            "unit_code": {"type": "string", "description": "负责回应的单位代码"},
            "unit_name": {"type": "string"},
            "outlet": {"type": "string", "description": "媒体名称"},
            "reported_on": {"type": "string", "format": "date", "description": "报道日期"},
            "headline": {"type": "string", "description": "报道标题"},
            "link": {"type": ["string", "null"], "format": "uri", "description": "报道链接"},
            "report_summary": {"type": ["string", "null"], "description": "报道摘要"},
            "response": {"type": ["string", "null"], "description": "回应内容"},
            "action_taken": {"type": ["string", "null"], "description": "处理情况"},
            "published_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
            "revision": {"type": "integer", "description": "现行版本号；大于1表示已更正"},
            "status": {"type": "string", "enum": ["published", "corrected", "withdrawn"]},
            "correction_reason": {"type": ["string", "null"], "description": "现行版本的更正原因"},
            "withdrawal": {
                "type": ["object", "null"],
                "properties": {
                    "withdrawn_at": {"type": "string", "format": "date-time"},
                    "reason": {"type": "string"},
                },
            },
            "url": {"type": "string", "format": "uri"},
            "revisions": {
                "type": "array",
                "description": "修订记录（仅单条回应）",
                "items": {
                    "type": "object",
                    "properties": {
                        "revision": {"type": "integer"},
                        "published_at": {"type": "string", "format": "date-time"},
                        "reason": {"type": "string"},
                        "url": {"type": "string", "format": "uri"},
                    },
                },
            },
        },
    },
    "MediaResponseList": list_of("MediaResponse"),
}

SCHEMAS.update(OUTCOME_SCHEMAS)
SCHEMAS.update(DEADLINE_SCHEMAS)
SCHEMAS.update(OPEN311_SCHEMAS)


def openapi_document(app: Flask, server_root: str) -> dict:
    paths = openapi_paths(app, "/api/v1")
    # Open311 lives beside /api/v1: its paths carry their own server (the site's root)
    for path, item in openapi_paths(app, "/open311/v2").items():
        paths["/open311/v2" + path] = {"servers": [{"url": server_root}], **item}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "城管执法公示与监督平台 开放数据接口",
            "version": "1.1.0",
            "description": (
                "只读接口：仅含已公示、已脱敏的信息。列表返回 items 与 next 翻页游标。"
                " /open311/v2/ 为 Open311 GeoReport v2（XML 与 JSON，按后缀选择）。"
            ),
        },
        "servers": [{"url": f"{server_root}/api/v1"}],
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
