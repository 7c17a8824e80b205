"""The response schema of /api/v1/deadlines (its parameters are declared at the view)."""

from portal.core.deadline_rules import RULES

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
