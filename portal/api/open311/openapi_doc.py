"""The OpenAPI schemas of /open311/v2/ (JSON form; the XML form has the same elements)."""

_NULLABLE_STRING = {"type": ["string", "null"]}

OPEN311_SCHEMAS = {
    "Open311Errors": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["code", "description"],
            "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
        },
    },
    "Open311Discovery": {
        "type": "object",
        "required": ["changeset", "contact", "key_service", "endpoints"],
        "properties": {
            "changeset": {"type": "string"},
            "contact": {"type": "string"},
            "key_service": {"type": "string"},
            "endpoints": {"type": "array", "items": {"type": "object"}},
        },
    },
    "Open311Services": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["service_code", "service_name", "metadata", "type", "group"],
            "properties": {
                "service_code": {"type": "string"},
                "service_name": {"type": "string"},
                "description": {"type": "string"},
                "metadata": {"type": "boolean"},
                "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
                "keywords": {"type": "string"},
                "group": {"type": "string"},
            },
        },
    },
    "Open311ServiceDefinition": {
        "type": "object",
        "required": ["service_code", "attributes"],
        "properties": {
            "service_code": {"type": "string"},
            "attributes": {"type": "array", "items": {"type": "object"}},
        },
    },
    "Open311Requests": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["service_request_id", "status", "service_code", "requested_datetime"],
            "properties": {
                "service_request_id": {"type": "string"},
                "status": {"type": "string", "enum": ["open", "closed"]},
                "status_notes": _NULLABLE_STRING,
                "service_name": {"type": "string"},
                "service_code": {"type": "string"},
                "description": _NULLABLE_STRING,
                "agency_responsible": _NULLABLE_STRING,
                "service_notice": _NULLABLE_STRING,
                "requested_datetime": {"type": "string"},
                "updated_datetime": _NULLABLE_STRING,
                "expected_datetime": _NULLABLE_STRING,
                "address": _NULLABLE_STRING,
                "address_id": _NULLABLE_STRING,
                "zipcode": _NULLABLE_STRING,
                "lat": {"type": ["number", "null"]},
                "long": {"type": ["number", "null"]},
                "media_url": _NULLABLE_STRING,
            },
        },
    },
    "Open311Created": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["service_request_id"],
            "properties": {
                "service_request_id": {"type": "string"},
                "service_notice": _NULLABLE_STRING,
                "account_id": _NULLABLE_STRING,
                "query_code": {"type": "string", "description": "查询码（只返回给提交的接入方）"},
            },
        },
    },
    "Open311Tokens": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["token", "service_request_id"],
            "properties": {"token": {"type": "string"}, "service_request_id": {"type": "string"}},
        },
    },
}


def open311_response(schema: str) -> dict:
    """A 200 answer in JSON (``schema``) or XML (the same elements), by the path's suffix."""
    return {
        "description": "OK（.json 为 JSON，.xml 为 XML）",
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}},
            "text/xml": {"schema": {"type": "string"}},
        },
    }
