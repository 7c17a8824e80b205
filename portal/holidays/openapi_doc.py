"""The OpenAPI entry of /api/v1/deadlines (merged into portal/api/openapi.py)."""

from portal.core.deadline_rules import RULES

_ERROR = {"$ref": "#/components/schemas/Error"}

DEADLINE_SCHEMAS = {
    "Deadline": {
        "type": "object",
        "required": ["rule", "start", "due", "provisional", "skipped"],
        "properties": {
            "rule": {"type": "string", "enum": list(RULES)},
            "label": {"type": "string", "description": "期限名称"},
            "start": {"type": "string", "format": "date", "description": "起算日（不计入）"},
            "due": {"type": "string", "format": "date", "description": "期限最后一日"},
            "provisional": {
                "type": "boolean",
                "description": "期限涉及尚未公布正式节假日安排、按法定假日推算的日期",
            },
            "counting": {"type": "string", "enum": ["calendar_days", "working_days"]},
            "days": {"type": "integer"},
            "skipped": {
                "type": "array",
                "description": "不计入（工作日期限）或顺延经过（按日期限）的日期及原因",
                "items": {
                    "type": "object",
                    "required": ["date", "reason"],
                    "properties": {
                        "date": {"type": "string", "format": "date"},
                        "reason": {"type": "string"},
                    },
                },
            },
        },
    }
}

DEADLINE_PATHS = {
    "/deadlines": {
        "get": {
            "summary": "计算法定期限：起算日＋规则 → 最后一日，列出跳过或顺延的日期",
            "operationId": "computeDeadline",
            "parameters": [
                {
                    "name": "rule",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "string", "enum": list(RULES)},
                    "description": "期限规则",
                },
                {
                    "name": "start",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "string", "format": "date"},
                    "description": "起算日期 YYYY-MM-DD（事件发生之日）",
                },
            ],
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Deadline"}}
                    },
                },
                "400": {
                    "description": "未知规则或日期无效（中文说明）",
                    "content": {"application/json": {"schema": _ERROR}},
                },
            },
        }
    }
}
