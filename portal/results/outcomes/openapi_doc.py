"""The OpenAPI schemas of /api/v1/outcomes (merged into ``portal.api.openapi``; the paths are
declared at the views, ``portal.api.kinds``)."""

_NULLABLE_STRING = {"type": ["string", "null"]}
_NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
OUTCOME_SCHEMAS = {
    "Outcome": {
        "type": "object",
        "description": (
            "投诉办理结果（仅已公示、已脱敏的字段；举报件从不公示）。撤下的办理结果只含撤下说明。"
        ),
        "required": ["public_id", "unit_code", "published_at", "revision", "status", "url"],
        "properties": {
            "public_id": {"type": "string", "description": "永久链接标识，永不改变"},
            "unit_code": {"type": "string"},
            "unit_name": {"type": "string"},
            "kind": {
                "type": ["string", "null"],
                "enum": ["complaint", "suggestion", "praise", None],
            },
            "kind_label": _NULLABLE_STRING,
            "category": _NULLABLE_STRING,
            "category_label": _NULLABLE_STRING,
            "channel": _NULLABLE_STRING,
            "channel_label": _NULLABLE_STRING,
            "submitted_on": _NULLABLE_DATE,
            "accepted_on": _NULLABLE_DATE,
            "answered_on": _NULLABLE_DATE,
            "answered_on_time": {"type": ["boolean", "null"], "description": "是否按期答复"},
            "summary": {"type": ["string", "null"], "description": "情况摘要（已脱敏）"},
            "reply": {"type": ["string", "null"], "description": "答复内容（已脱敏）"},
            "rating": {"type": ["integer", "null"], "minimum": 1, "maximum": 5},
            "rating_label": {"type": ["string", "null"], "description": "满意度，或“未评价”"},
            "published_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
            "revision": {"type": "integer", "description": "现行版本号；大于1表示已更正"},
            "status": {"type": "string", "enum": ["published", "corrected", "withdrawn"]},
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
                "description": "修订记录（仅单个办理结果）",
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
    "OutcomeList": {
        "type": "object",
        "required": ["items", "next"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Outcome"}},
            "next": {"type": ["string", "null"]},
        },
    },
}
