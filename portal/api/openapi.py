"""The OpenAPI 3.1 document of /api/v1/. Each domain adds its paths and schemas here."""

LIST_PARAMETERS = [
    {
        "name": "cursor",
        "in": "query",
        "required": False,
        "schema": {"type": "string"},
        "description": "The `next` value of the previous page.",
    },
    {
        "name": "limit",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
    },
]

ERROR_RESPONSE = {
    "description": "Error",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


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
}

PATHS = {
    "/units": {
        "get": {
            "summary": "执法单位列表",
            "operationId": "listUnits",
            "parameters": LIST_PARAMETERS,
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/UnitList"}}
                    },
                },
                "400": ERROR_RESPONSE,
            },
        }
    },
    "/units/{code}": {
        "get": {
            "summary": "单个执法单位",
            "operationId": "getUnit",
            "parameters": [
                {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Unit"}}
                    },
                },
                "404": ERROR_RESPONSE,
            },
        }
    },
}


def openapi_document(server_root: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "城管执法公示与监督平台 开放数据接口",
            "version": "1.0.0",
            "description": "只读接口：仅含已公示、已脱敏的信息。列表返回 items 与 next 翻页游标。",
        },
        "servers": [{"url": f"{server_root}/api/v1"}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
